"""The job queue, on every backend: due order, leases, retries, per-host limits."""

from __future__ import annotations

import time
from datetime import timedelta

from newsmirror.model import utcnow
from newsmirror.store import Store


def test_only_due_jobs_are_claimed_earliest_first(store: Store) -> None:
    now = utcnow()
    store.enqueue_job("fetch", "later", "a.example", now + timedelta(hours=1))
    store.enqueue_job("fetch", "second", "b.example", now - timedelta(minutes=1))
    store.enqueue_job("fetch", "first", "c.example", now - timedelta(minutes=5))
    claimed = store.claim_jobs("w1", limit=10)
    assert [j.key for j in claimed] == ["first", "second"]
    assert all(j.lease_owner == "w1" and j.attempts == 1 for j in claimed)


def test_a_leased_job_is_not_claimed_twice(store: Store) -> None:
    store.enqueue_job("fetch", "s1")
    assert len(store.claim_jobs("w1", lease_seconds=60)) == 1
    assert store.claim_jobs("w2", lease_seconds=60) == []


def test_an_expired_lease_is_claimable_and_the_old_owner_cannot_finish(store: Store) -> None:
    store.enqueue_job("fetch", "s1")
    [first] = store.claim_jobs("w1", lease_seconds=0.2)
    time.sleep(0.4)
    [second] = store.claim_jobs("w2", lease_seconds=60)
    assert second.id == first.id and second.lease_owner == "w2" and second.attempts == 2
    assert store.complete_job(first) is False  # w1 lost its lease: its result is refused
    assert store.renew_lease(first, 60) is False
    assert store.complete_job(second) is True
    done = store.get_job("fetch", "s1")
    assert done is not None and done.done_at is not None and done.lease_owner is None


def test_a_lease_taken_over_is_not_the_old_owners_to_renew_complete_or_fail(store: Store) -> None:
    # reader69: a worker whose lease ran out and whose job another worker claimed since does nothing to the job, by any
    # call: the new owner's lease, due time and state are as its claim left them.
    store.enqueue_job("fetch", "s1", "a.example")
    [first] = store.claim_jobs("w1", lease_seconds=0.2)
    time.sleep(0.4)
    [second] = store.claim_jobs("w2", lease_seconds=60)
    assert store.renew_lease(first, 60) is False
    assert store.fail_job(first, "late", retry_at=utcnow() + timedelta(hours=1)) is False
    assert store.fail_job(first, "late", retry_at=None) is False
    assert store.complete_job(first, next_due_at=utcnow() + timedelta(hours=1)) is False
    assert store.complete_job(first) is False
    held = store.get_job("fetch", "s1")
    assert held is not None and (held.lease_owner, held.lease_expires_at) == ("w2", second.lease_expires_at)
    assert held.done_at is None and held.last_error == "" and held.due_at == second.due_at
    assert store.claim_jobs("w3") == []  # still w2's
    assert store.renew_lease(second, 60) and store.complete_job(second)


def test_a_lease_taken_over_under_the_same_worker_id_is_not_the_first_claims(store: Store) -> None:
    # A worker restarted with the same --id (so its threads' ids too) claims what its stalled predecessor held: the
    # lease is the claim (owner and expiry), not the owner's name.
    store.enqueue_job("fetch", "s1")
    [first] = store.claim_jobs("w1/0", lease_seconds=0.2)
    time.sleep(0.4)
    [again] = store.claim_jobs("w1/0", lease_seconds=60)
    assert again.lease_owner == first.lease_owner and again.lease_expires_at != first.lease_expires_at
    assert store.renew_lease(first, 60) is False and store.complete_job(first) is False
    held = store.get_job("fetch", "s1")
    assert held is not None and held.lease_expires_at == again.lease_expires_at and held.done_at is None
    assert store.complete_job(again)


def test_an_expired_lease_is_not_renewed_even_before_another_worker_claims_it(store: Store) -> None:
    # reader69: a renewal matched the lease's owner and expiry only, so a lease that had run out (its worker stalled
    # past it) came back to life. Expired, it no longer counted against its host's limit and another worker took a job
    # of that host: the renewal then made two live leases on a host held to one.
    store.enqueue_job("recheck", "a1", "a.example")
    store.enqueue_job("fetch", "a2", "a.example")
    [stalled] = store.claim_jobs("w1", kinds=["recheck"], lease_seconds=0.2, per_host_limit=1)
    time.sleep(0.4)
    [other] = store.claim_jobs("w2", kinds=["fetch"], lease_seconds=60, per_host_limit=1)
    assert other.host == stalled.host
    assert store.renew_lease(stalled, 60) is False
    assert store.queue_status().live_leases_by_host == {"a.example": 1}
    # the job is free, as any expired one: another worker claims it
    [retried] = store.claim_jobs("w3", kinds=["recheck"])
    assert retried.id == stalled.id and retried.lease_owner == "w3"


def test_the_result_of_an_expired_lease_nobody_claimed_since_is_kept(store: Store) -> None:
    # Not renewed, but recorded: no other run exists whose result it could overwrite, and refusing it would only run
    # the job again.
    store.enqueue_job("fetch", "s1")
    [job] = store.claim_jobs("w1", lease_seconds=0.2)
    time.sleep(0.4)
    assert store.renew_lease(job, 60) is False
    assert store.complete_job(job) is True
    done = store.get_job("fetch", "s1")
    assert done is not None and done.done_at is not None and done.lease_owner is None


def test_completed_job_is_not_claimed_again_unless_rescheduled(store: Store) -> None:
    store.enqueue_job("recheck", "a1")
    store.enqueue_job("fetch", "s1")
    [recheck] = store.claim_jobs("w", kinds=["recheck"])
    assert recheck.kind == "recheck"
    assert store.complete_job(recheck)
    [fetch] = store.claim_jobs("w", kinds=["fetch"])
    assert store.complete_job(fetch, next_due_at=utcnow() - timedelta(seconds=1))
    assert [j.key for j in store.claim_jobs("w", limit=5)] == ["s1"]


def test_failure_is_recorded_and_retried_later_or_given_up(store: Store) -> None:
    store.enqueue_job("fetch", "s1")
    store.enqueue_job("fetch", "s2")
    one, two = store.claim_jobs("w", limit=2)
    assert store.fail_job(one, "HTTP 503", retry_at=utcnow() + timedelta(hours=1))
    assert store.fail_job(two, "gone for good", retry_at=None)
    assert store.claim_jobs("w", limit=5) == []
    retrying = store.get_job("fetch", one.key)
    given_up = store.get_job("fetch", two.key)
    assert retrying is not None and retrying.last_error == "HTTP 503" and retrying.done_at is None
    assert retrying.attempts == 1
    assert given_up is not None and given_up.done_at is not None and given_up.last_error == "gone for good"


def test_per_host_limit_counts_live_leases(store: Store) -> None:
    for key in ("a1", "a2", "a3"):
        store.enqueue_job("fetch", key, "a.example")
    store.enqueue_job("fetch", "b1", "b.example")
    first = store.claim_jobs("w1", limit=10, per_host_limit=1)
    assert sorted(j.host for j in first) == ["a.example", "b.example"]
    assert store.claim_jobs("w2", limit=10, per_host_limit=1) == []
    a_job = next(j for j in first if j.host == "a.example")
    store.complete_job(a_job)
    [next_a] = store.claim_jobs("w2", limit=10, per_host_limit=1)
    assert next_a.host == "a.example" and next_a.key != a_job.key
    assert len(store.claim_jobs("w3", limit=10, per_host_limit=2)) == 1  # a.example: 1 live + 1 more


def test_renewing_a_lease_keeps_the_job(store: Store) -> None:
    store.enqueue_job("fetch", "s1")
    [job] = store.claim_jobs("w1", lease_seconds=0.3)
    before = job.lease_expires_at
    assert store.renew_lease(job, 60)
    assert job.lease_expires_at is not None and before is not None and job.lease_expires_at > before
    time.sleep(0.5)
    assert store.claim_jobs("w2") == []
    assert store.complete_job(job)


def test_enqueue_keeps_one_row_per_kind_and_key(store: Store) -> None:
    now = utcnow()
    store.enqueue_job("fetch", "s1", "a.example", now + timedelta(hours=2))
    store.enqueue_job("fetch", "s1", "a.example", now + timedelta(hours=1))
    store.enqueue_job("fetch", "s1", "a.example", now + timedelta(hours=3))
    pending = store.get_job("fetch", "s1")
    assert pending is not None and pending.due_at is not None
    assert abs((pending.due_at - (now + timedelta(hours=1))).total_seconds()) < 1  # earliest wins
    store.enqueue_job("fetch", "s1", "a.example", now - timedelta(seconds=1))
    [job] = store.claim_jobs("w")
    store.complete_job(job)
    rearmed = store.enqueue_job("fetch", "s1", "a.example", now - timedelta(seconds=1))
    assert rearmed.done_at is None and rearmed.id == job.id
    assert store.job_counts() == {"pending": 1, "due": 1, "leased": 0, "done": 0}


def test_attempts_count_the_real_runs_and_survive_completion(store: Store) -> None:
    store.enqueue_job("recheck", "a1")
    [crashed] = store.claim_jobs("w1", lease_seconds=0.05)  # its worker dies: the lease runs out
    time.sleep(0.15)
    [retried] = store.claim_jobs("w2")
    assert retried.attempts == 2
    assert store.complete_job(retried)
    done = store.get_job("recheck", "a1")
    assert done is not None and done.done_at is not None and done.attempts == 2
    # A recurring job starts counting again with its next run.
    store.enqueue_job("fetch", "s1")
    [first] = store.claim_jobs("w1", kinds=["fetch"])
    assert store.fail_job(first, "HTTP 503", retry_at=utcnow() - timedelta(seconds=1))
    [second] = store.claim_jobs("w1", kinds=["fetch"])
    assert second.attempts == 2
    assert store.complete_job(second, next_due_at=utcnow() - timedelta(seconds=1))
    [third] = store.claim_jobs("w1", kinds=["fetch"])
    assert third.attempts == 1
    assert crashed.attempts == 1


def test_host_less_jobs_are_not_held_by_the_per_host_limit(store: Store) -> None:
    store.enqueue_job("group", "*")
    store.enqueue_job("build", "*")
    store.enqueue_job("fetch", "a1", "a.example")
    store.enqueue_job("fetch", "a2", "a.example")
    claimed = store.claim_jobs("w1", limit=10, per_host_limit=1)
    assert sorted(j.kind for j in claimed) == ["build", "fetch", "group"]


def test_a_job_re_armed_while_running_runs_again_after_it_completes(store: Store) -> None:
    store.enqueue_job("group", "*")
    store.enqueue_job("build", "*")
    [group] = store.claim_jobs("w1", kinds=["group"])
    [build] = store.claim_jobs("w1", kinds=["build"])
    store.enqueue_job("group", "*")  # new articles arrived while grouping ran
    store.enqueue_job("build", "*")
    assert store.complete_job(group, next_due_at=utcnow() + timedelta(hours=1))
    assert store.complete_job(build)
    assert sorted(j.kind for j in store.claim_jobs("w2", limit=5)) == ["build", "group"]
