import { isGradEnabled } from '../../autograd';
import { recordNode } from '../../define-op';
import { inferReshape } from '../../shape';
import { Tensor } from '../../tensor';

/**
 * A view with a new shape over the same storage (`reshape` and `view`; one size may be -1).
 * Not a kernel: no numbers move. Its gradient is the upstream gradient reshaped back.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
	const storage = x.assertAlive('reshape');
	const target = inferReshape('reshape', x.shape, shape);
	const out = new Tensor(storage, target, x.dtype);
	if (x.requiresGrad && isGradEnabled()) {
		recordNode(out, 'reshape', [x], [true], (dy) => [reshape(dy, x.shape)], []);
	}
	return out;
}
