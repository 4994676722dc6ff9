import { defineGenerator, pick, retry, sum, type Rng, type ParamRanges } from './core.ts';

/**
 * Parameter counts and output shapes of layers, with PyTorch's conventions: Linear weight
 * [out, in] plus bias [out]; Conv2d weight [Cout, Cin/groups, kH, kW]; recurrent layers with two
 * bias vectors (`bias_ih` and `bias_hh`); MultiheadAttention with a packed in-projection.
 */

const convOut = (n: number, k: number, s: number, p: number, d: number) =>
	Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

export const denseParams = defineGenerator({
	description: 'Parameters of nn.Linear(inFeatures, outFeatures, bias): in·out weights + out biases.',
	params: { inFeatures: [2, 256], outFeatures: [1, 128], bias: { oneOf: [1, 1, 0] } },
	generate(p, rng) {
		const inF = pick(p.inFeatures, rng);
		const outF = pick(p.outFeatures, rng);
		const bias = pick(p.bias, rng);
		const weights = inF * outF;
		const biases = bias ? outF : 0;
		return {
			values: { inFeatures: inF, outFeatures: outF, bias, biasText: bias ? 'with a bias' : 'without a bias (`bias: false`)', weights, biases },
			answer: weights + biases,
		};
	},
});

export const mlpParams = defineGenerator({
	description: 'Parameters of a 3-layer MLP in → h1 → h2 → out (Linear layers with biases).',
	params: { input: [2, 64], hidden1: [4, 128], hidden2: [4, 128], output: [1, 10] },
	generate(p, rng) {
		const sizes = [pick(p.input, rng), pick(p.hidden1, rng), pick(p.hidden2, rng), pick(p.output, rng)];
		const perLayer = sizes.slice(1).map((out, i) => sizes[i]! * out + out);
		return {
			values: {
				input: sizes[0]!, hidden1: sizes[1]!, hidden2: sizes[2]!, output: sizes[3]!,
				layer1: perLayer[0]!, layer2: perLayer[1]!, layer3: perLayer[2]!,
			},
			answer: sum(perLayer),
		};
	},
});

export const conv2dParams = defineGenerator({
	description: 'Parameters of nn.Conv2d(Cin, Cout, k, groups, bias): Cout·(Cin/groups)·k² + Cout.',
	params: {
		groups: { oneOf: [1, 1, 2, 4] },
		inPerGroup: [1, 16],
		outPerGroup: [1, 16],
		kernel: { oneOf: [1, 3, 5, 7] },
		bias: { oneOf: [1, 1, 0] },
	},
	generate(p, rng) {
		const groups = pick(p.groups, rng);
		const inChannels = groups * pick(p.inPerGroup, rng);
		const outChannels = groups * pick(p.outPerGroup, rng);
		const kernel = pick(p.kernel, rng);
		const bias = pick(p.bias, rng);
		const weights = outChannels * (inChannels / groups) * kernel * kernel;
		return {
			values: {
				inChannels, outChannels, kernel, groups, bias,
				inPerGroupValue: inChannels / groups,
				biasText: bias ? 'with a bias' : 'without a bias',
				weights, biases: bias ? outChannels : 0,
			},
			answer: weights + (bias ? outChannels : 0),
		};
	},
});

export const convOutputSize = defineGenerator({
	description: 'Conv2d output height: floor((n + 2p − d(k−1) − 1)/s) + 1.',
	params: { size: [16, 64], kernel: { oneOf: [1, 3, 5, 7] }, stride: { oneOf: [1, 2, 3] }, padding: [0, 3], dilation: { oneOf: [1, 1, 2] } },
	generate(p, rng) {
		const [n, k, s, pad, d] = retry(
			() => [pick(p.size, rng), pick(p.kernel, rng), pick(p.stride, rng), pick(p.padding, rng), pick(p.dilation, rng)] as const,
			([n, k, s, pad, d]) => convOut(n, k, s, pad, d) >= 1,
			'conv-output-size',
		);
		const numerator = n + 2 * pad - d * (k - 1) - 1;
		return {
			values: { size: n, kernel: k, stride: s, padding: pad, dilation: d, effectiveKernel: d * (k - 1) + 1, numerator },
			answer: convOut(n, k, s, pad, d),
		};
	},
});

export const poolOutputSize = defineGenerator({
	description: 'MaxPool2d(k, stride) output height without padding: floor((n − k)/s) + 1.',
	params: { size: [7, 64], kernel: { oneOf: [2, 3] }, stride: { oneOf: [1, 2, 2, 3] } },
	generate(p, rng) {
		const [n, k, s] = retry(() => [pick(p.size, rng), pick(p.kernel, rng), pick(p.stride, rng)] as const, ([n, k]) => n >= k, 'pool-output-size');
		return { values: { size: n, kernel: k, stride: s, numerator: n - k }, answer: Math.floor((n - k) / s) + 1 };
	},
});

export const convTransposeOutputSize = defineGenerator({
	description: 'ConvTranspose2d output height: (n−1)s − 2p + (k−1) + outputPadding + 1 (dilation 1).',
	params: { size: [2, 32], kernel: { oneOf: [2, 3, 4, 5] }, stride: { oneOf: [1, 2, 2, 3] }, padding: [0, 2], outputPadding: [0, 1] },
	generate(p, rng) {
		const [n, k, s, pad, op] = retry(
			() => {
				const s = pick(p.stride, rng);
				const op = Math.min(pick(p.outputPadding, rng), s - 1); // PyTorch needs outputPadding < stride
				return [pick(p.size, rng), pick(p.kernel, rng), s, pick(p.padding, rng), op] as const;
			},
			([n, k, s, pad, op]) => (n - 1) * s - 2 * pad + (k - 1) + op + 1 >= 1,
			'conv-transpose-output-size',
		);
		return { values: { size: n, kernel: k, stride: s, padding: pad, outputPadding: op }, answer: (n - 1) * s - 2 * pad + (k - 1) + op + 1 };
	},
});

export const flattenFeatures = defineGenerator({
	description: 'Features after Conv2d(k, stride 1, padding p) → MaxPool2d(2) → Flatten: C·h·h with h = floor((n + 2p − k + 1)/2).',
	params: { size: [12, 64], channels: { oneOf: [8, 16, 32, 64] }, kernel: { oneOf: [3, 5] }, padding: [0, 2] },
	generate(p, rng) {
		const [n, c, k, pad] = retry(
			() => [pick(p.size, rng), pick(p.channels, rng), pick(p.kernel, rng), pick(p.padding, rng)] as const,
			([n, , k, pad]) => 2 * pad < k && n + 2 * pad - k + 1 >= 2,
			'flatten-features',
		);
		const conv = n + 2 * pad - k + 1;
		const pooled = Math.floor(conv / 2);
		return { values: { size: n, channels: c, kernel: k, padding: pad, convSize: conv, pooledSize: pooled }, answer: c * pooled * pooled };
	},
});

export const receptiveField = defineGenerator({
	description: 'Receptive field of a stack of convolutions: r = 1 + Σ (k_i − 1)·Π_{j<i} s_j.',
	params: { layers: [2, 4], kernel: { oneOf: [3, 3, 5] }, stride: { oneOf: [1, 1, 2] } },
	generate(p, rng) {
		const count = pick(p.layers, rng);
		const kernels: number[] = [];
		const strides: number[] = [];
		for (let i = 0; i < count; i++) {
			kernels.push(pick(p.kernel, rng));
			strides.push(pick(p.stride, rng));
		}
		let r = 1;
		let jump = 1;
		for (let i = 0; i < count; i++) {
			r += (kernels[i]! - 1) * jump;
			jump *= strides[i]!;
		}
		const stack = kernels.map((k, i) => `${k}×${k} stride ${strides[i]}`).join(', then ');
		return { values: { layers: count, kernels, strides, stack }, answer: r };
	},
});

export const paddingSame = defineGenerator({
	description: "Padding that keeps the size at stride 1 ('same'): p = d(k − 1)/2 for odd k.",
	params: { kernel: { oneOf: [3, 5, 7] }, dilation: { oneOf: [1, 2, 3] } },
	generate(p, rng) {
		const k = pick(p.kernel, rng);
		const d = pick(p.dilation, rng);
		return { values: { kernel: k, dilation: d, effectiveKernel: d * (k - 1) + 1 }, answer: (d * (k - 1)) / 2 };
	},
});

export const batchnormParams = defineGenerator({
	description: 'Learnable parameters of nn.BatchNorm2d(C): γ and β, 2C (running mean/var are buffers).',
	params: { channels: { oneOf: [16, 32, 64, 96, 128, 256, 512] } },
	generate(p, rng) {
		const c = pick(p.channels, rng);
		return { values: { channels: c, buffers: 2 * c }, answer: 2 * c };
	},
});

export const embeddingParams = defineGenerator({
	description: 'Parameters of nn.Embedding(V, d): V·d.',
	params: { vocab: { oneOf: [100, 500, 1000, 5000] }, dim: { oneOf: [8, 16, 32, 64] } },
	generate(p, rng) {
		const v = pick(p.vocab, rng);
		const d = pick(p.dim, rng);
		return { values: { vocab: v, dim: d }, answer: v * d };
	},
});

/** One recurrent layer: G gate blocks, each h×in + h×h weights and two h-sized biases. */
function recurrent(gates: number, name: string) {
	return (p: ParamRanges, rng: Rng) => {
		const x = pick(p.inputSize, rng);
		const h = pick(p.hiddenSize, rng);
		const layers = pick(p.layers, rng);
		const layer1 = gates * (h * x + h * h + 2 * h);
		const layerN = gates * (h * h + h * h + 2 * h);
		return {
			values: { inputSize: x, hiddenSize: h, layers, gates, layer1, layerN, name },
			answer: layer1 + (layers - 1) * layerN,
		};
	};
}

const recurrentParams = { inputSize: [2, 64], hiddenSize: [2, 64], layers: { oneOf: [1, 1, 2] } } satisfies ParamRanges;

export const rnnParams = defineGenerator({
	description: 'Parameters of nn.RNN(x, h, numLayers): h(x + h) + 2h per layer (layer ≥ 2 reads h).',
	params: recurrentParams,
	generate: recurrent(1, 'RNN'),
});

export const lstmParams = defineGenerator({
	description: 'Parameters of nn.LSTM(x, h, numLayers): 4(h(x + h) + 2h) per layer, gates i, f, g, o.',
	params: recurrentParams,
	generate: recurrent(4, 'LSTM'),
});

export const gruParams = defineGenerator({
	description: 'Parameters of nn.GRU(x, h, numLayers): 3(h(x + h) + 2h) per layer, gates r, z, n.',
	params: recurrentParams,
	generate: recurrent(3, 'GRU'),
});

export const mhaParams = defineGenerator({
	description: 'Parameters of nn.MultiheadAttention(d, heads): in-projection 3d·d + 3d, out-projection d·d + d.',
	params: { embedDim: { oneOf: [32, 64, 128, 256, 512] }, heads: { oneOf: [1, 2, 4, 8] } },
	generate(p, rng) {
		const d = pick(p.embedDim, rng);
		const heads = pick(p.heads, rng);
		return { values: { embedDim: d, heads, headDim: d / heads, inProj: 3 * d * d + 3 * d, outProj: d * d + d }, answer: 4 * d * d + 4 * d };
	},
});

export const ffnParams = defineGenerator({
	description: 'Parameters of a transformer feed-forward block Linear(d, f) → act → Linear(f, d): 2df + f + d.',
	params: { model: { oneOf: [64, 128, 256, 512, 768] }, ratio: { oneOf: [4, 4, 2] } },
	generate(p, rng) {
		const d = pick(p.model, rng);
		const f = d * pick(p.ratio, rng);
		return { values: { model: d, ff: f, first: d * f + f, second: f * d + d }, answer: 2 * d * f + f + d };
	},
});
