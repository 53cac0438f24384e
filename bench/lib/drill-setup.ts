// A live drill for the benchmark, made as a SOC lead would: the built-in phishing scenario,
// the demo trainee as the participant holding the roles its first inject is addressed to.
// Ad-hoc injects released at the facilitator console are the events fanned out. Made through
// the JSON API (/api/v1/drills…); where that is not there, through the pages' forms.
import { api, postForm, RouteMissingError, type Session } from './hotwash';

export const SCENARIO = 'phishing-mailbox-takeover';
/** The first inject's prompt (released at 0, open 5 scenario minutes) and a valid answer. */
export const PROMPT = { promptId: 'q-first', answer: { option: 'revoke-all' } };
const ROLES = ['ic', 'soc-analyst'];

export type BenchDrill = {
	id: string;
	/** Where the participant's browser follows the drill. */
	eventsPath: string;
	/**
	 * Releases an inject to every participant: an ad-hoc one typed at the facilitator console
	 * (no condition holds it back, and there is always another); starts the drill first.
	 */
	releaseInject(): Promise<void>;
	/** Makes sure the clock runs (answers are taken only while the prompt is open). */
	ensureRunning(): Promise<void>;
	/** One answer submission, for autocannon. */
	answerRequest: { path: string; contentType: string; body: string; via: string };
};

export async function createBenchDrill(lead: Session, trainee: Session): Promise<BenchDrill> {
	const { user: participant } = await api<{ user: { id: string } }>(trainee, 'GET', '/api/v1/me');
	const { user: facilitator } = await api<{ user: { id: string } }>(lead, 'GET', '/api/v1/me');
	try {
		const created = await api<{ drill?: { id: string }; id?: string }>(
			lead,
			'POST',
			'/api/v1/drills',
			{
				scenarioId: SCENARIO,
				mode: 'live',
				title: 'Fan-out benchmark',
				facilitators: [facilitator.id],
				participants: [{ userId: participant.id, roles: ROLES }],
				observers: []
			}
		);
		const id = created.drill?.id ?? created.id;
		if (!id)
			throw new Error(`POST /api/v1/drills answered without an id: ${JSON.stringify(created)}`);
		return benchDrill(id, 'api', lead, () => api(lead, 'POST', `/api/v1/drills/${id}/start`, {}));
	} catch (e) {
		if (!(e instanceof RouteMissingError)) throw e;
		console.log(`${e.message}: using the drill pages' forms instead.`);
	}
	const planVersionId = await planVersionInForce(lead);
	const made = await postForm(lead, '/drills/new', [
		['scenarioId', SCENARIO],
		['version', '1'],
		['planVersionId', planVersionId],
		['title', 'Fan-out benchmark'],
		['mode', 'live'],
		[`kind-${facilitator.id}`, 'facilitator'],
		[`kind-${participant.id}`, 'participant'],
		...ROLES.map((r): [string, string] => [`roles-${participant.id}`, r])
	]);
	const id = /^\/drills\/([0-9a-f-]{36})$/.exec(made.location ?? '')?.[1];
	if (made.status !== 303 || !id)
		throw new Error(`The new-drill form answered ${made.status}: ${made.text.slice(0, 300)}`);
	return benchDrill(id, 'forms', lead, () => consoleAction(lead, id, 'start', []));
}

/** A facilitator console action, posted as the page's form; it answers 303 when done. */
async function consoleAction(
	lead: Session,
	id: string,
	action: string,
	fields: [string, string][]
) {
	const done = await postForm(lead, `/drills/${id}?/${action}`, fields);
	if (done.status !== 303)
		throw new Error(`?/${action} answered ${done.status}: ${done.text.slice(0, 300)}`);
}

function benchDrill(
	id: string,
	via: 'api' | 'forms',
	lead: Session,
	start: () => Promise<unknown>
): BenchDrill {
	let started = false;
	let injects = 0;
	const ensureRunning = async () => {
		if (!started) await start();
		started = true;
	};
	return {
		id,
		eventsPath: via === 'api' ? `/api/v1/drills/${id}/events` : `/drills/${id}/events`,
		async releaseInject() {
			await ensureRunning();
			injects++;
			// About the size of a library inject's text.
			const body = `A user reports another suspicious sign-in prompt. ${'Details follow. '.repeat(75)}`;
			await consoleAction(lead, id, 'adhoc', [
				['title', `Benchmark inject ${injects}`],
				['channel', 'chat'],
				['from', 'Service desk'],
				['body', body],
				...ROLES.map((r): [string, string] => ['to', r])
			]);
		},
		ensureRunning,
		answerRequest:
			via === 'api'
				? {
						path: `/api/v1/drills/${id}/answers`,
						contentType: 'application/json',
						body: JSON.stringify(PROMPT),
						via: 'POST /api/v1/drills/{id}/answers'
					}
				: {
						path: `/drills/${id}?/answer`,
						contentType: 'application/x-www-form-urlencoded',
						body: new URLSearchParams({
							promptId: PROMPT.promptId,
							promptType: 'single-choice',
							option: PROMPT.answer.option
						}).toString(),
						via: 'the participant page form (?/answer)'
					}
	};
}

/** The approved, not superseded version of the IR plan the demo data holds. */
async function planVersionInForce(lead: Session): Promise<string> {
	const { plans } = await api<{ plans: { id: string; kind?: string }[] }>(
		lead,
		'GET',
		'/api/v1/plans'
	);
	for (const plan of plans) {
		const { versions } = await api<{
			versions: { id: string; status: string; supersededAt: string | null }[];
		}>(lead, 'GET', `/api/v1/plans/${plan.id}/versions`);
		const inForce = versions.find((v) => v.status === 'approved' && !v.supersededAt);
		if (inForce) return inForce.id;
	}
	throw new Error('No plan has an approved version in force');
}
