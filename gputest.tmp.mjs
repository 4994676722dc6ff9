import os from 'node:os';
process.env.VK_ICD_FILENAMES = '/usr/lib/chromium/vk_swiftshader_icd.json';
const c = os.constants.dlopen;
try { process.dlopen({ exports: {} }, '/usr/lib/chromium/libvulkan.so.1', c.RTLD_NOW | c.RTLD_GLOBAL | 0x1000); } catch (e) { console.log('dlopen err (expected):', e.message); }
const { create, globals } = await import('webgpu');
Object.assign(globalThis, globals);
const gpu = create([]);
const adapter = await gpu.requestAdapter();
console.log(adapter);
if (adapter) { const i = adapter.info; console.log(i.vendor, i.architecture, i.device, i.description, i.isFallbackAdapter); }
process.exit(0);
