import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session';
import type { Database, ReportRun } from '../db/schema';
import { produceReport, type ReportRequest } from '../reports/runs';
import type { Actor } from './route';

const CHUNK = 64 * 1024;

/** A name safe in a Content-Disposition header: ASCII letters, digits and dashes. */
export function fileSlug(text: string, max = 60): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, max)
		.replace(/-+$/, '');
	return slug || 'report';
}

/**
 * A generated report as a download, streamed in chunks; the run's id and hash go along in
 * headers so a client can record what it received.
 */
export function pdfResponse(bytes: Buffer, run: ReportRun, filename: string): Response {
	let offset = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (offset >= bytes.length) return controller.close();
			controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + CHUNK)));
			offset += CHUNK;
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(bytes.length),
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store',
			'x-report-id': run.id,
			'x-report-sha256': run.sha256
		}
	});
}

/** Makes the report (queued, recorded, audited) and answers with it as a download. */
export async function reportDownload(
	db: Kysely<Database>,
	user: SessionUser,
	actor: Actor,
	request: ReportRequest,
	fileStem: string
): Promise<Response> {
	const { run, bytes } = await produceReport(db, { ...actor, name: user.displayName }, request);
	return pdfResponse(bytes, run, `${fileSlug(fileStem)}-${run.id}.pdf`);
}
