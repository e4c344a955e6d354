//! How long coding one document may take: a deadline, and a flag another
//! thread raises to cancel (the client of `POST /api/code` went away). The
//! coder looks at both between sentences, so stopping costs at most one
//! sentence of work.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A time budget and a cancellation flag; the default has neither.
#[derive(Debug, Clone, Default)]
pub struct Budget {
    deadline: Option<Instant>,
    cancelled: Option<Arc<AtomicBool>>,
}

impl Budget {
    /// No limit.
    pub fn unlimited() -> Self {
        Self::default()
    }

    /// At most `limit` from now.
    pub fn within(limit: Duration) -> Self {
        Budget {
            deadline: Instant::now().checked_add(limit),
            cancelled: None,
        }
    }

    /// Also stop as soon as `flag` is raised.
    pub fn cancelled_by(mut self, flag: Arc<AtomicBool>) -> Self {
        self.cancelled = Some(flag);
        self
    }

    /// Why coding must stop now, if it must.
    pub(crate) fn exhausted(&self) -> Option<&'static str> {
        if self
            .cancelled
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
        {
            return Some("coding cancelled");
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Some("coding took longer than its time budget; document skipped");
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_runs_out_or_is_cancelled() {
        assert!(Budget::unlimited().exhausted().is_none());
        assert!(Budget::within(Duration::from_secs(60))
            .exhausted()
            .is_none());
        assert!(Budget::within(Duration::ZERO).exhausted().is_some());
        let flag = Arc::new(AtomicBool::new(false));
        let budget = Budget::unlimited().cancelled_by(Arc::clone(&flag));
        assert!(budget.exhausted().is_none());
        flag.store(true, Ordering::Relaxed);
        assert_eq!(budget.exhausted(), Some("coding cancelled"));
    }
}
