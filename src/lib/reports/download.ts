// In the browser: fetch a report and hand it to the browser as a download, so the page can
// say "Generating…" meanwhile and show the server's own words when it refuses. Without
// JavaScript the same links and forms download the file directly.

export type DownloadOutcome = { ok: true; fileName: string } | { ok: false; message: string };

const fileNameOf = (disposition: string | null) =>
	/filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? 'report.pdf';

export async function downloadReport(url: string): Promise<DownloadOutcome> {
	let response: Response;
	try {
		response = await fetch(url, { headers: { accept: 'application/pdf, application/json' } });
	} catch {
		return { ok: false, message: 'The report could not be fetched: check the connection.' };
	}
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as {
			error?: { message?: string };
		} | null;
		return {
			ok: false,
			message: body?.error?.message ?? `The report could not be made (HTTP ${response.status}).`
		};
	}
	const fileName = fileNameOf(response.headers.get('content-disposition'));
	const blobUrl = URL.createObjectURL(await response.blob());
	const link = document.createElement('a');
	link.href = blobUrl;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	// Give the browser time to start the download before the blob goes.
	setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
	return { ok: true, fileName };
}

/** Runs `work`, calling `slow` if it takes longer than a moment (the "Generating…" state). */
export async function withSlowNotice<T>(work: Promise<T>, slow: () => void, ms = 300): Promise<T> {
	const timer = setTimeout(slow, ms);
	try {
		return await work;
	} finally {
		clearTimeout(timer);
	}
}
