import Bowser from 'bowser';

/**
 * A stored User-Agent as people say it: "Chrome 156 on Linux", "Safari on iPhone", or the
 * raw string's start when it names no browser we know (a script, a curl).
 */
export function describeUserAgent(userAgent: string | null): string {
	if (!userAgent) return 'Unknown browser';
	const { browser, os, platform } = Bowser.parse(userAgent);
	if (!browser.name) return userAgent.slice(0, 60);
	const major = browser.version?.split('.')[0];
	// Safari's version follows the system's; on a phone the device says more than a number.
	const name = major && !platform.model ? `${browser.name} ${major}` : browser.name;
	const system = platform.model ?? os.name;
	return system ? `${name} on ${system}` : name;
}
