//! A token bucket per form, so one busy or misbehaving sender cannot flood
//! the counters of a form.
//!
//! The limit is per form, not per client: the collector never looks at IP
//! addresses. Each registered form has a bucket holding up to `burst`
//! tokens, refilled at `per_minute / 60` tokens a second; a submission takes
//! one token or is refused with the time until the next one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Token buckets, one per form id.
///
/// ```
/// use lokalform_collector::rate_limit::RateLimiter;
/// let limiter = RateLimiter::new(60, 2, ["feedback"]);
/// assert!(limiter.take("feedback").is_ok());
/// assert!(limiter.take("feedback").is_ok());
/// let wait = limiter.take("feedback").unwrap_err();
/// assert!(wait.as_secs_f64() > 0.5 && wait.as_secs_f64() <= 1.0);
/// ```
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// Buckets for `forms`, each full, refilled at `per_minute` tokens a
    /// minute up to `burst`.
    pub fn new<'a>(
        per_minute: u32,
        burst: u32,
        forms: impl IntoIterator<Item = &'a str>,
    ) -> RateLimiter {
        let burst = f64::from(burst.max(1));
        let now = Instant::now();
        let buckets = forms
            .into_iter()
            .map(|id| {
                (
                    id.to_string(),
                    Bucket {
                        tokens: burst,
                        at: now,
                    },
                )
            })
            .collect();
        RateLimiter {
            per_second: f64::from(per_minute.max(1)) / 60.0,
            burst,
            buckets: Mutex::new(buckets),
        }
    }

    /// Takes a token for `form`, or says how long until one is free.
    /// Forms without a bucket (unregistered) are refused elsewhere and are
    /// not limited here, so the map never grows from input.
    pub fn take(&self, form: &str) -> Result<(), Duration> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(bucket) = buckets.get_mut(form) else {
            return Ok(());
        };
        let now = Instant::now();
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let missing = 1.0 - bucket.tokens;
            Err(Duration::from_secs_f64(missing / self.per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_per_form() {
        let limiter = RateLimiter::new(60, 1, ["a", "b"]);
        assert!(limiter.take("a").is_ok());
        assert!(limiter.take("a").is_err());
        assert!(limiter.take("b").is_ok());
        assert!(limiter.take("unregistered").is_ok());
    }
}
