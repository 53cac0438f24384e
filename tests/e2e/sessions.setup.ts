import { test as setup } from '@playwright/test';
import { loginRequest, newApiContext, roles, sessionFile } from './helpers';

// One real login per demo role through the login form; the specs reuse the cookies.
for (const role of roles) {
	setup(`signs in the demo ${role}`, async () => {
		const api = await newApiContext();
		await loginRequest(api, role);
		await api.storageState({ path: sessionFile(role) });
		await api.dispose();
	});
}
