// Chain state that several end-to-end tests and benchmarks need, set up one way.

import { u8aToHex } from '@polkadot/util';

import { findEvent, softmaxWeights, submit, tabularPayload } from './chain.mjs';

/** Event `section.method` among a call's `events`; throws, naming it, if the call did not emit it. */
function emitted(events, section, method) {
	const event = findEvent(events, section, method);
	if (!event) throw new Error(`${section}.${method} was not emitted`);
	return event;
}

/** One example per class, with feature `class % features` set: `[[0, [1, 0, …]], [1, [0, 1, …]], …]`. */
const oneHot = (features, classes) =>
	Array.from({ length: classes }, (_, c) => [c, Array.from({ length: features }, (_, k) => (k === c % features ? 1 : 0))]);

/**
 * A model to pay for. `owner` creates an open tabular datanet of `features` × `classes` (no
 * contribution deposit, copy radius `copyRadius` thousandths, or the chain's default); each of
 * `contributors` in turn contributes `examples` (an array, or a function of the contributor's
 * position; by default one example per class) — an array among them is a group of accounts that
 * contribute at once, in one block; `owner` publishes
 * a version and registers on it a softmax-regression model (`l2` in billionths) with inline
 * `weights` at `price` — hex or bytes (by default zeros of the right shapes), or, for weights
 * trained on the data, a function of (`contributions`, `datanet`) returning them; then `provider`, if given, registers as an
 * inference provider. The datanet is named `name`, the model `name-softmax`; both are described
 * by `description`.
 *
 * Resolves to `{ datanet, version, model, contributions }`, `contributions` being
 * `{ who, index, examples }` in the order of `contributors` (groups flattened).
 */
export async function setupPaidModel(api, {
	owner, contributors = [owner], features = 2, classes = 2, examples = oneHot(features, classes),
	name = 'paid', description = '', l2 = 0, weights = softmaxWeights(features, classes), price, provider,
	copyRadius = null,
}) {
	let events = await submit(api, api.tx.datanets.createDatanet(name, description, 'CC0',
		{ Tabular: { features, classes } }, 'Open', 0, copyRadius), owner);
	const datanet = emitted(events, 'datanets', 'DatanetCreated').data.datanet.toNumber();
	const contributions = [];
	let n = 0;
	for (const group of contributors) {
		// A group (an array of accounts) contributes at once: in one block, in no set order.
		const members = Array.isArray(group) ? group : [group];
		const submitted = await Promise.all(members.map((who) => {
			const rows = typeof examples === 'function' ? examples(n++) : examples;
			return submit(api, api.tx.datanets.contribute(datanet, u8aToHex(tabularPayload(rows))), who)
				.then((events) => ({ who, index: emitted(events, 'datanets', 'ContributionSubmitted').data.index.toNumber(), examples: rows }));
		}));
		contributions.push(...submitted);
	}
	events = await submit(api, api.tx.datanets.publishVersion(datanet), owner);
	const version = emitted(events, 'datanets', 'VersionPublished').data.version.toNumber();
	const bytes = typeof weights === 'function' ? weights(contributions, datanet) : weights;
	events = await submit(api, api.tx.models.registerModel(`${name}-softmax`, description,
		{ SoftmaxRegression: { features, classes, l2 } },
		{ Inline: typeof bytes === 'string' ? bytes : u8aToHex(bytes) }, [[datanet, version]], null, price), owner);
	const model = emitted(events, 'models', 'ModelRegistered').data.model.toNumber();
	if (provider) await submit(api, api.tx.inference.registerProvider(), provider);
	return { datanet, version, model, contributions };
}
