export type VersionNumber = { major: number; minor: number };

const pattern = /^(\d{1,4})\.(\d{1,4})$/;

export function parseVersionNumber(text: string): VersionNumber | null {
	const m = pattern.exec(text.trim());
	return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

export function formatVersionNumber(v: { major: number | null; minor: number | null }): string {
	return v.major === null || v.minor === null ? 'draft' : `${v.major}.${v.minor}`;
}

export function compareVersionNumbers(a: VersionNumber, b: VersionNumber): number {
	return a.major - b.major || a.minor - b.minor;
}

/** The number a new version most likely gets: the next minor after the highest so far. */
export function suggestNextNumber(highest: VersionNumber | null): string {
	return highest ? `${highest.major}.${highest.minor + 1}` : '1.0';
}
