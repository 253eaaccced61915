// A real OpenID Connect provider (the certified oidc-provider package) for the dashboard's sign-in tests. Not for
// production: its development login page accepts any login with any password, and its signing keys are development ones.
//
//   CLIENT_ID, CLIENT_SECRET, REDIRECT_URI   the one client it knows (Holler's dashboard under test)
//   ACCOUNTS   JSON: login -> { "roles": [...], "businesses": [...] }, the claims each login gets
//
// Listens on a free port of 127.0.0.1 and prints its issuer URL as the first line of standard output.
import http from 'node:http';
import Provider from 'oidc-provider';

const accounts = JSON.parse(process.env.ACCOUNTS ?? '{}');

const configuration = {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // Holler's role and businesses travel with the profile scope, from the user-info endpoint.
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles', 'holler_businesses'] },
  async findAccount(ctx, sub) {
    const account = accounts[sub] ?? {};
    return {
      accountId: sub,
      async claims() {
        return { sub, name: sub, preferred_username: sub, roles: account.roles ?? [], holler_businesses: account.businesses ?? [] };
      },
    };
  },
  cookies: { keys: ['holler-oidc-test-provider-only'] },
  features: { devInteractions: { enabled: true } },
};

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());
  process.stdout.write(`${issuer}\n`);
});

// The test ends the provider by closing its standard input (and kills it if that is not enough).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
