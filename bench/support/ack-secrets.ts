// What bench/ack.bench.ts and its server process (bench/support/ack-server.ts) share.
export const ACK_SECRETS = {
  slackSigningSecret: 'bench-signing-secret',
  slackToken: 'xoxb-bench',
  feishuAppId: 'cli_benchbench000001',
  feishuAppSecret: 'bench-app-secret',
  feishuEncryptKey: 'bench-encrypt-key',
  feishuVerificationToken: 'bench-verification-token',
};

/** A click the load generator sends: who, where, and the button's value. */
export interface AckClick {
  user: string;
  channel: string;
  value: string;
}
