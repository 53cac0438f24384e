import type { capabilities, categories, channels, difficulties } from './schema';

export const categoryLabels: Record<(typeof categories)[number], string> = {
	ransomware: 'Ransomware',
	'business-email-compromise': 'Business email compromise',
	phishing: 'Phishing',
	cloud: 'Cloud',
	insider: 'Insider',
	'denial-of-service': 'Denial of service',
	'third-party': 'Third party',
	'web-application': 'Web application',
	'data-loss': 'Data loss',
	identity: 'Identity',
	misconfiguration: 'Misconfiguration',
	'supply-chain': 'Supply chain',
	other: 'Other'
};
export const difficultyLabels: Record<(typeof difficulties)[number], string> = {
	introductory: 'Introductory',
	intermediate: 'Intermediate',
	advanced: 'Advanced'
};
export const capabilityLabels: Record<(typeof capabilities)[number], string> = {
	detection: 'Detection',
	analysis: 'Analysis',
	containment: 'Containment',
	eradication: 'Eradication',
	recovery: 'Recovery',
	communication: 'Communication',
	escalation: 'Escalation',
	documentation: 'Documentation',
	coordination: 'Coordination'
};
/** A capability's name as people read it: the label, the stored text when unknown, '—' for none. */
export function capabilityLabel(c: string | null | undefined): string {
	if (!c) return '—';
	return capabilityLabels[c as keyof typeof capabilityLabels] ?? c;
}
export const channelLabels: Record<(typeof channels)[number], string> = {
	email: 'Email',
	'siem-alert': 'SIEM alert',
	'phone-call': 'Phone call',
	chat: 'Chat',
	'news-article': 'News article',
	ticket: 'Ticket',
	other: 'Other'
};

export function formatMinutes(m: number): string {
	if (m < 60) return `${m} min`;
	const h = Math.floor(m / 60);
	const rest = m % 60;
	return rest ? `${h} h ${rest} min` : `${h} h`;
}
