import { describeOp } from '../../testing/describe-op';

describeOp('relu', {
	run: (x) => x.relu(),
	cases: [
		{ name: 'mixed signs', inputs: [[[-2, -0.5], [0.5, 3]]], expect: [[0, 0], [0.5, 3]] },
		{ name: 'scalar zero', inputs: [0], expect: 0 },
	],
	// finite differences are wrong at the kink, so sample away from 0
	gradcheck: [{ shapes: [[4, 5]], sample: (x) => x.add(x.sign().mul(0.1)) }],
});
