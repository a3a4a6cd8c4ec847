// The end of an outbox lease (OutboxRepo.claimDue / markInFlight), as the ISO text both dialects store.
export const leaseEnd = (at: string, leaseMs: number): string => new Date(Date.parse(at) + leaseMs).toISOString();
