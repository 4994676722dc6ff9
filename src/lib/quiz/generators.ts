import type { GeneratorDef } from './generators/core.ts';
import * as layers from './generators/layers.ts';
import * as losses from './generators/losses.ts';
import * as optim from './generators/optim.ts';
import * as practice from './generators/practice.ts';

export type { GeneratorDef, Generated, ParamRanges, Rng, Value } from './generators/core.ts';

/**
 * The generator registry: name (as written in a quiz item's `generator:`) → definition.
 * A generator draws its values from ranges with a seeded random source and computes the answer,
 * so a parameterized item shows each learner different numbers:
 *
 * ```yaml
 * - id: conv-out-stride-two
 *   type: numeric
 *   generator: conv-output-size
 *   params: { stride: 2 }          # narrows the generator's default ranges
 *   prompt: A {{kernel}}×{{kernel}} convolution, stride {{stride}}, … on a {{size}}×{{size}} input?
 *   tolerance: 0
 * ```
 *
 * To add one: write it in `generators/<theme>.ts` with `defineGenerator`, add a line here, and
 * give it an independent check in `tests/unit/quiz-generators.test.ts` (the test fails for a
 * generator without one).
 */
export const GENERATORS: Readonly<Record<string, GeneratorDef>> = {
	// layers: parameter counts and shapes
	'dense-params': layers.denseParams,
	'mlp-params': layers.mlpParams,
	'conv2d-params': layers.conv2dParams,
	'conv-output-size': layers.convOutputSize,
	'pool-output-size': layers.poolOutputSize,
	'conv-transpose-output-size': layers.convTransposeOutputSize,
	'flatten-features': layers.flattenFeatures,
	'receptive-field': layers.receptiveField,
	'padding-same': layers.paddingSame,
	'batchnorm-params': layers.batchnormParams,
	'embedding-params': layers.embeddingParams,
	'rnn-params': layers.rnnParams,
	'lstm-params': layers.lstmParams,
	'gru-params': layers.gruParams,
	'mha-params': layers.mhaParams,
	'ffn-params': layers.ffnParams,
	// optimizers, schedules, batching
	'adam-m-raw': optim.adamMRaw,
	'adam-v-raw': optim.adamVRaw,
	'adam-m-hat': optim.adamMHat,
	'adam-v-hat': optim.adamVHat,
	'adam-param-after': optim.adamParamAfter,
	'sgd-momentum-buffer': optim.sgdMomentumBuffer,
	'sgd-momentum-param': optim.sgdMomentumParam,
	'sgd-weight-decay': optim.sgdWeightDecay,
	'step-lr': optim.stepLr,
	'cosine-lr': optim.cosineLr,
	'warmup-lr': optim.warmupLr,
	'batches-per-epoch': optim.batchesPerEpoch,
	'optimizer-steps': optim.optimizerSteps,
	'clip-grad-norm': optim.clipGradNorm,
	'adam-training-memory': optim.adamTrainingMemory,
	// losses, activations, gradients, initialisation
	'softmax-prob': losses.softmaxProb,
	'cross-entropy': losses.crossEntropy,
	'cross-entropy-batch': losses.crossEntropyBatch,
	'label-smoothing-ce': losses.labelSmoothingCe,
	bce: losses.bce,
	'bce-with-logits': losses.bceWithLogits,
	mse: losses.mse,
	huber: losses.huber,
	'sigmoid-derivative': losses.sigmoidDerivative,
	'tanh-derivative': losses.tanhDerivative,
	'neuron-gradient': losses.neuronGradient,
	'relu-chain-gradient': losses.reluChainGradient,
	'vanishing-sigmoid': losses.vanishingSigmoid,
	'dropout-scale': losses.dropoutScale,
	'kaiming-std': losses.kaimingStd,
	'xavier-bound': losses.xavierBound,
	// practice: memory, cost, metrics, scaling, attention
	'activation-memory': practice.activationMemory,
	'attention-matrix-memory': practice.attentionMatrixMemory,
	'model-size': practice.modelSize,
	'matmul-gflop': practice.matmulGflop,
	'matmul-time': practice.matmulTime,
	'epoch-time': practice.epochTime,
	precision: practice.precision,
	recall: practice.recall,
	'f1-score': practice.f1Score,
	accuracy: practice.accuracy,
	'standardize-value': practice.standardizeValue,
	'minmax-value': practice.minMaxValue,
	'attention-score': practice.attentionScore,
	'attention-weight': practice.attentionWeight,
};

export const GENERATOR_NAMES = Object.keys(GENERATORS);

/** Looks a generator up; throws with the known names when it is missing. */
export function getGenerator(name: string): GeneratorDef {
	const gen = GENERATORS[name];
	if (!gen) {
		throw new Error(`Unknown quiz generator "${name}". Known generators: ${GENERATOR_NAMES.join(', ')}.`);
	}
	return gen;
}
