import { InvalidInputError } from '../errors';
import { MAX_SCENARIO_BYTES } from '../scenarios/yaml-source';
import { readJson, readStorableText } from './respond';

/** Scenario YAML from an API request: a raw YAML body, or JSON `{"yaml": "…"}`. */
export async function yamlFromRequest(request: Request): Promise<string> {
	const type = request.headers.get('content-type') ?? '';
	if (type.includes('json')) {
		const body = (await readJson(request)) as { yaml?: unknown };
		if (typeof body?.yaml !== 'string')
			throw new InvalidInputError('Send the YAML as the body, or JSON {"yaml": "…"}.', 'yaml');
		return checkSize(body.yaml);
	}
	if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type))
		throw new InvalidInputError(
			'Send the YAML as the body (Content-Type: application/yaml), or JSON {"yaml": "…"}.',
			undefined,
			415
		);
	return checkSize(await readStorableText(request));
}

function checkSize(yaml: string): string {
	if (Buffer.byteLength(yaml) > MAX_SCENARIO_BYTES)
		throw new InvalidInputError('A scenario file is at most 1 MB.', 'yaml', 413);
	return yaml;
}
