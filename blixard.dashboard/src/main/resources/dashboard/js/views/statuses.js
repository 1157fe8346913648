// The job statuses of the API (API.md), in life-cycle order, and which actions each allows.

export const STATUSES = ['Pending', 'Claimed', 'InProgress', 'Completed', 'Failed', 'Cancelled'];

/** A person's words for a status. */
export const STATUS_WORDS = {
  Pending: 'Pending', Claimed: 'Claimed', InProgress: 'In progress', Completed: 'Completed', Failed: 'Failed', Cancelled: 'Cancelled',
};

const FINISHED = new Set(['Completed', 'Failed', 'Cancelled']);

export const canCancel = status => !FINISHED.has(status);
export const canRetry = status => status === 'Failed' || status === 'Cancelled';

/** Whether a batch of live events holds any job event. */
export const anyJobEvent = events => events.some(event => event.job_id || event.topic === 'blixard/stream/GAP');
