export async function renderProviderSignIn(container, ctx) {}
