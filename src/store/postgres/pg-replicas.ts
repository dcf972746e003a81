import { checkLeaseMs, checkReplicaId, type Leadership, type LeaseView, type ReplicaCoordination } from '../async-store.js';
import type { Queryable } from './connection.js';

// Leadership is a lease row with a deadline (table `leases`, PostgreSQL migration 2), not a session advisory lock:
// - the takeover time is bounded by the lease whatever happens to the leader: a session lock is held until the
//   server notices the leader's connection is gone, which after a power cut or a network partition is TCP keepalive
//   time (two hours by default), while a lease runs out on time;
// - a leader that cannot renew knows it may no longer lead (it stops when its lease has run out), whereas a session
//   lock lost with its connection leaves the process believing it still holds it;
// - the deadline is on the database's clock, so replicas whose clocks differ agree on it;
// - it holds no pooled connection for the life of the process, and works through a transaction-pooling proxy
//   (PgBouncer), where session advisory locks do not;
// - who leads, since when and until when is a row every replica can read for /healthz and `status`;
// - `term` goes up each time the lease changes hands: a fencing token a leader can check its writes against.

interface LeaseRow {
  holder: string;
  term: number;
  expires_at: Date;
  live: boolean;
}

export class PgReplicaCoordination implements ReplicaCoordination {
  constructor(private readonly q: Queryable) {}

  /**
   * One statement, atomic under concurrency: insert the lease, or take it over when it has run out, or renew it when
   * this replica holds it. Two replicas asking at once for a free lease: one inserts (or updates) it, the other waits
   * for that row and then finds it held.
   */
  async tryLeadership(name: string, replicaId: string, leaseMs: number): Promise<Leadership> {
    checkReplicaId(replicaId);
    checkLeaseMs(leaseMs, 'a lease');
    const [taken] = await this.q.rows<{ holder: string; term: number; expires_at: Date }>(
      `INSERT INTO leases AS l (name, holder, term, acquired_at, renewed_at, expires_at)
       SELECT $1, $2, 1, t, t, t + $3 * interval '1 millisecond' FROM clock_timestamp() AS t
       ON CONFLICT (name) DO UPDATE SET
         holder = excluded.holder,
         term = CASE WHEN l.holder = excluded.holder THEN l.term ELSE l.term + 1 END,
         acquired_at = CASE WHEN l.holder = excluded.holder THEN l.acquired_at ELSE excluded.acquired_at END,
         renewed_at = excluded.renewed_at,
         expires_at = excluded.expires_at
       WHERE l.holder = excluded.holder OR l.expires_at <= excluded.renewed_at
       RETURNING holder, term, expires_at`,
      [name, replicaId, leaseMs],
    );
    if (taken) return { name, holder: taken.holder, term: taken.term, expiresAt: taken.expires_at.toISOString(), isLeader: true };
    return { ...(await this.leader(name)), isLeader: false };
  }

  /** The lease runs out now (the row and its term stay, so the next holder's term is still higher). */
  async releaseLeadership(name: string, replicaId: string): Promise<boolean> {
    const changed = await this.q.run(
      'UPDATE leases SET expires_at = clock_timestamp() WHERE name = $1 AND holder = $2 AND expires_at > clock_timestamp()',
      [name, replicaId],
    );
    return changed > 0;
  }

  async leader(name: string): Promise<LeaseView> {
    const [row] = await this.q.rows<LeaseRow>(
      'SELECT holder, term, expires_at, expires_at > clock_timestamp() AS live FROM leases WHERE name = $1',
      [name],
    );
    if (!row) return { name, holder: null, term: 0, expiresAt: null };
    return { name, holder: row.live ? row.holder : null, term: row.term, expiresAt: row.expires_at.toISOString() };
  }
}
