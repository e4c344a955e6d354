//! Read-only connections to the store, reused across requests. A SQLite
//! connection cannot be shared between threads at once, so each query
//! takes one from the pool on a blocking thread and gives it back after;
//! a semaphore bounds how many queries run together (more than a few per
//! core only queue inside SQLite).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;
use warta_store::{Store, StoreError};

use crate::api::ApiError;

pub(crate) struct Readers {
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
}

impl Readers {
    /// Opens one connection now, so a missing or foreign file is reported
    /// at start-up rather than on the first request.
    pub(crate) fn open(db: &Path) -> Result<Readers, StoreError> {
        let first = Store::open_read_only(db)?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Readers {
            db: db.to_path_buf(),
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new((2 * cores).max(2)),
        })
    }

    /// Runs `query` on a pooled connection on a blocking thread.
    pub(crate) async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        query: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the server is shutting down".to_owned()))?;
        let readers = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let pooled = readers.lock_idle().pop();
            let store = match pooled {
                Some(store) => store,
                None => Store::open_read_only(&readers.db).map_err(ApiError::store)?,
            };
            let result = query(&store);
            readers.lock_idle().push(store);
            result
        })
        .await
        .map_err(|e| ApiError::internal(format!("query failed: {e}")))?
    }

    /// Runs `work` on a blocking thread under the same bound as queries
    /// (coding pasted text is as heavy as a query).
    pub(crate) async fn with_permit<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the server is shutting down".to_owned()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| ApiError::internal(format!("task failed: {e}")))?
    }

    fn lock_idle(&self) -> std::sync::MutexGuard<'_, Vec<Store>> {
        // A panic while holding the lock leaves the list itself intact.
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
