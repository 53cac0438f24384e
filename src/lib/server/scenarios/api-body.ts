import { ApiError } from '../api/respond';
import { MAX_SCENARIO_BYTES } from './yaml-source';

/** Scenario YAML from an API request: a raw YAML body, or JSON `{"yaml": "…"}`. */
export async function yamlFromRequest(request: Request): Promise<string> {
	const text = await request.text();
	if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES + 1000)
		throw new ApiError(413, 'payload_too_large', 'A scenario file is at most 1 MB.');
	if ((request.headers.get('content-type') ?? '').includes('application/json')) {
		try {
			const body = JSON.parse(text) as { yaml?: unknown };
			if (typeof body.yaml === 'string') return body.yaml;
		} catch {
			// fall through to the error below
		}
		throw new ApiError(400, 'bad_request', 'Send the YAML as the body, or JSON {"yaml": "…"}.');
	}
	return text;
}
