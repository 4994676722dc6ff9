/**
 * Optimizer paths on a two-dimensional quadratic valley J(w) = ½(λ₁w₁² + λ₂w₂²), shared by the
 * gradient-descent figure (chapter "gradient-descent") and the optimizer race (chapter
 * "optimizers"). Every path is made by an engine optimizer (`optim.SGD`, `optim.Adam`, ...)
 * stepping a float64 parameter with gradients from `backward()`.
 */
import { optim, tensor, type Tensor } from 'chainrule';

export interface Valley {
	/** Curvatures [λ₁, λ₂] along w₁ and w₂. */
	curvatures: readonly [number, number];
	/** Where every optimizer starts. */
	start: readonly [number, number];
}

export interface Path {
	/** w₁ and w₂ after 0, 1, ..., steps updates (the start included). */
	w1: number[];
	w2: number[];
	/** J at each of those points. */
	loss: number[];
}

/** Anything with PyTorch's optimizer interface. */
export type MakeOptimizer = (params: Tensor[]) => { zeroGrad(): void; step(): unknown };

/** J(w) for a valley, with the engine (so `backward()` gives the gradient). */
export function valleyLoss(valley: Valley, w: Tensor): Tensor {
	return w.square().mul(tensor([...valley.curvatures], { dtype: w.dtype })).sum().mul(0.5);
}

/** Closed form of J, for tests and contour levels. */
export function valleyValue(valley: Valley, w1: number, w2: number): number {
	return 0.5 * (valley.curvatures[0] * w1 * w1 + valley.curvatures[1] * w2 * w2);
}

/**
 * Runs `steps` updates of the optimizer that `make` builds. Stops early (the rest of the path is
 * left out) once the loss is not finite or exceeds `blowUp`, so divergent runs end cleanly.
 */
export function optimizerPath(valley: Valley, make: MakeOptimizer, steps: number, blowUp = 1e8): Path {
	const w = tensor([...valley.start], { dtype: 'float64', requiresGrad: true });
	const optimizer = make([w]);
	const path: Path = { w1: [valley.start[0]], w2: [valley.start[1]], loss: [valleyValue(valley, ...valley.start)] };
	for (let t = 0; t < steps; t++) {
		optimizer.zeroGrad();
		valleyLoss(valley, w).backward();
		optimizer.step();
		const [w1, w2] = w.dataSync();
		const loss = valleyValue(valley, w1, w2);
		path.w1.push(w1);
		path.w2.push(w2);
		path.loss.push(loss);
		if (!(loss <= blowUp)) break;
	}
	return path;
}

/** Plain gradient descent (the engine's SGD without momentum) at learning rate `lr`. */
export function gdPath(valley: Valley, lr: number, steps: number): Path {
	return optimizerPath(valley, (params) => new optim.SGD(params, { lr }), steps);
}

/**
 * Level sets J(w) = level as closed polylines (ellipses), for drawing contours:
 * w₁ = √(2·level/λ₁) cos s, w₂ = √(2·level/λ₂) sin s.
 */
export function contour(valley: Valley, level: number, points = 96): { x: number[]; y: number[] } {
	const [l1, l2] = valley.curvatures;
	const a = Math.sqrt((2 * level) / l1);
	const b = Math.sqrt((2 * level) / l2);
	const x: number[] = [];
	const y: number[] = [];
	for (let i = 0; i <= points; i++) {
		const s = (2 * Math.PI * i) / points;
		x.push(a * Math.cos(s));
		y.push(b * Math.sin(s));
	}
	return { x, y };
}

/** Loss after `step` updates, or Infinity when the run diverged before. */
export function lossAfter(path: Path, step: number): number {
	return step < path.loss.length ? path.loss[step] : Infinity;
}
