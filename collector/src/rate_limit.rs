//! Token buckets: one per client, so one sender cannot crowd out the
//! others, and one per form as the last line.
//!
//! A bucket holds up to `burst` tokens and is refilled at `per_minute / 60`
//! tokens a second; a submission takes one token or is refused with the
//! time until the next one.
//!
//! Only a submission that would be stored is charged: the route checks a
//! tally completely first (an invalid one costs nobody anything), and a
//! submission the store finds to be a duplicate, or cannot store, gets its
//! tokens back ([`Charge::refund`]). So a client sending invalid tallies or
//! replays at full speed takes nothing from anyone, and one sending valid
//! tallies at full speed empties only its own bucket.
//!
//! The client's bucket is taken first, under its [`ClientKey`] (a salted
//! hash of its address that changes daily, see [`crate::client`]). Client
//! buckets live in memory only, at most [`ClientLimiter::capacity`] of
//! them: when the map is full, buckets that have refilled completely (the
//! client has been quiet) are dropped first, then the least recently used.
//! They all go when the day changes, since yesterday's keys never return.

use crate::client::ClientKey;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One token bucket.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// A refill rate and a burst size.
#[derive(Debug, Clone, Copy)]
struct Rate {
    per_second: f64,
    burst: f64,
}

impl Rate {
    fn new(per_minute: u32, burst: u32) -> Rate {
        Rate {
            per_second: f64::from(per_minute.max(1)) / 60.0,
            burst: f64::from(burst.max(1)),
        }
    }

    fn full(self, now: Instant) -> Bucket {
        Bucket {
            tokens: self.burst,
            at: now,
        }
    }

    /// Refills `bucket` up to `now`.
    fn refill(self, bucket: &mut Bucket, now: Instant) {
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.at = now;
    }

    /// Whether `bucket` would be full by `now`.
    fn is_full(self, bucket: &Bucket, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens + elapsed * self.per_second >= self.burst
    }

    /// Takes a token, or says how long until one is free.
    fn take(self, bucket: &mut Bucket, now: Instant) -> Result<(), Duration> {
        self.refill(bucket, now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let missing = 1.0 - bucket.tokens;
            Err(Duration::from_secs_f64(missing / self.per_second))
        }
    }

    /// Gives a token back.
    fn give_back(self, bucket: &mut Bucket) {
        bucket.tokens = (bucket.tokens + 1.0).min(self.burst);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

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
    rate: Rate,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    /// Buckets for `forms`, each full, refilled at `per_minute` tokens a
    /// minute up to `burst`.
    pub fn new<'a>(
        per_minute: u32,
        burst: u32,
        forms: impl IntoIterator<Item = &'a str>,
    ) -> RateLimiter {
        let rate = Rate::new(per_minute, burst);
        let now = Instant::now();
        let buckets = forms
            .into_iter()
            .map(|id| (id.to_string(), rate.full(now)))
            .collect();
        RateLimiter {
            rate,
            buckets: Mutex::new(buckets),
        }
    }

    /// Takes a token for `form`, or says how long until one is free.
    /// Forms without a bucket (unregistered) are refused elsewhere and are
    /// not limited here, so the map never grows from input.
    pub fn take(&self, form: &str) -> Result<(), Duration> {
        match lock(&self.buckets).get_mut(form) {
            Some(bucket) => self.rate.take(bucket, Instant::now()),
            None => Ok(()),
        }
    }

    /// Gives back a token taken for `form`.
    pub fn refund(&self, form: &str) {
        if let Some(bucket) = lock(&self.buckets).get_mut(form) {
            self.rate.give_back(bucket);
        }
    }
}

/// Token buckets per client, in memory only, at most
/// [`ClientLimiter::capacity`] of them.
///
/// ```
/// use lokalform_collector::client::ClientKeys;
/// use lokalform_collector::rate_limit::ClientLimiter;
/// let keys = ClientKeys::new(None, "x-forwarded-for".parse().unwrap());
/// let limiter = ClientLimiter::new(60, 1, 1000);
/// let (a, b) = (keys.key("192.0.2.1".parse().unwrap()), keys.key("192.0.2.2".parse().unwrap()));
/// assert!(limiter.take(a).is_ok());
/// assert!(limiter.take(a).is_err());
/// assert!(limiter.take(b).is_ok());
/// limiter.refund(a);
/// assert!(limiter.take(a).is_ok());
/// ```
#[derive(Debug)]
pub struct ClientLimiter {
    rate: Rate,
    capacity: usize,
    buckets: Mutex<HashMap<ClientKey, Bucket>>,
}

impl ClientLimiter {
    /// Buckets of `burst` tokens refilled at `per_minute` a minute, for at
    /// most `capacity` clients at a time.
    pub fn new(per_minute: u32, burst: u32, capacity: usize) -> ClientLimiter {
        ClientLimiter {
            rate: Rate::new(per_minute, burst),
            capacity: capacity.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// The most clients kept at a time.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many clients have a bucket now.
    pub fn len(&self) -> usize {
        lock(&self.buckets).len()
    }

    /// Whether no client has a bucket.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes a token for `client`, or says how long until one is free. A
    /// client seen for the first time starts with a full bucket.
    pub fn take(&self, client: ClientKey) -> Result<(), Duration> {
        let now = Instant::now();
        let mut buckets = lock(&self.buckets);
        if buckets.keys().next().is_some_and(|k| k.day != client.day) {
            // A new day, a new salt: no old key will be seen again.
            buckets.retain(|k, _| k.day == client.day);
        }
        if !buckets.contains_key(&client) && buckets.len() >= self.capacity {
            self.evict(&mut buckets, now);
        }
        let bucket = buckets.entry(client).or_insert_with(|| self.rate.full(now));
        self.rate.take(bucket, now)
    }

    /// Gives back a token taken for `client`.
    pub fn refund(&self, client: ClientKey) {
        if let Some(bucket) = lock(&self.buckets).get_mut(&client) {
            self.rate.give_back(bucket);
        }
    }

    /// Makes room: drops every bucket that has refilled completely (such
    /// a client starts full anyway), and if that frees less than a tenth
    /// of the map, the least recently used buckets down to nine tenths.
    fn evict(&self, buckets: &mut HashMap<ClientKey, Bucket>, now: Instant) {
        let rate = self.rate;
        // `at` is when the client was last seen; it is not moved here.
        buckets.retain(|_, bucket| !rate.is_full(bucket, now));
        let keep = self.capacity - self.capacity.div_ceil(10);
        if buckets.len() > keep {
            let mut by_age: Vec<(Instant, ClientKey)> =
                buckets.iter().map(|(k, b)| (b.at, *k)).collect();
            by_age.sort_unstable_by_key(|(at, _)| *at);
            let drop = buckets.len() - keep;
            for (_, key) in by_age.into_iter().take(drop) {
                buckets.remove(&key);
            }
        }
    }
}

/// The tokens taken for one submission, to give back when it turns out
/// not to count (a duplicate, or the store failed).
#[derive(Debug)]
pub struct Charge<'a> {
    clients: &'a ClientLimiter,
    forms: &'a RateLimiter,
    client: Option<ClientKey>,
    bucket: &'a str,
}

/// Which limit refused a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The client's own bucket is empty.
    Client(Duration),
    /// The form's bucket (or the cohort bucket) is empty.
    Form(Duration),
}

impl Refusal {
    /// How long until a token is free.
    pub fn wait(self) -> Duration {
        match self {
            Refusal::Client(wait) | Refusal::Form(wait) => wait,
        }
    }
}

/// Takes a token from `client`'s bucket (when the client is known), then
/// from `bucket` (a form id, or the cohort bucket); when the second is
/// empty the first token is given back.
pub fn charge<'a>(
    clients: &'a ClientLimiter,
    forms: &'a RateLimiter,
    client: Option<ClientKey>,
    bucket: &'a str,
) -> Result<Charge<'a>, Refusal> {
    if let Some(key) = client {
        clients.take(key).map_err(Refusal::Client)?;
    }
    if let Err(wait) = forms.take(bucket) {
        if let Some(key) = client {
            clients.refund(key);
        }
        return Err(Refusal::Form(wait));
    }
    Ok(Charge {
        clients,
        forms,
        client,
        bucket,
    })
}

impl Charge<'_> {
    /// Gives both tokens back.
    pub fn refund(self) {
        if let Some(key) = self.client {
            self.clients.refund(key);
        }
        self.forms.refund(self.bucket);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientKeys;
    use std::net::{IpAddr, Ipv4Addr};

    fn keys() -> ClientKeys {
        ClientKeys::new(None, "x-forwarded-for".parse().unwrap())
    }

    fn ip(n: u32) -> IpAddr {
        IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n))
    }

    #[test]
    fn buckets_are_per_form() {
        let limiter = RateLimiter::new(60, 1, ["a", "b"]);
        assert!(limiter.take("a").is_ok());
        assert!(limiter.take("a").is_err());
        assert!(limiter.take("b").is_ok());
        assert!(limiter.take("unregistered").is_ok());
        limiter.refund("a");
        assert!(limiter.take("a").is_ok());
    }

    #[test]
    fn a_refused_form_token_gives_the_client_token_back() {
        let keys = keys();
        let clients = ClientLimiter::new(60, 1, 10);
        let forms = RateLimiter::new(60, 1, ["a"]);
        let (one, two) = (keys.key(ip(1)), keys.key(ip(2)));
        assert!(charge(&clients, &forms, Some(one), "a").is_ok());
        // The form is empty: client two keeps its token.
        assert!(matches!(
            charge(&clients, &forms, Some(two), "a"),
            Err(Refusal::Form(_))
        ));
        assert!(clients.take(two).is_ok());
        // A refunded charge gives both back.
        let clients = ClientLimiter::new(60, 1, 10);
        let forms = RateLimiter::new(60, 1, ["a"]);
        charge(&clients, &forms, Some(one), "a").unwrap().refund();
        assert!(charge(&clients, &forms, Some(one), "a").is_ok());
        assert!(matches!(
            charge(&clients, &forms, Some(one), "a"),
            Err(Refusal::Client(_))
        ));
    }

    #[test]
    fn memory_is_bounded_and_busy_clients_are_kept() {
        let keys = keys();
        let limiter = ClientLimiter::new(1, 2, 100);
        let busy = keys.key(ip(0));
        limiter.take(busy).unwrap();
        limiter.take(busy).unwrap();
        for n in 1..10_000 {
            let _ = limiter.take(keys.key(ip(n)));
            assert!(limiter.len() <= 100);
            // Touch the busy client now and then, as a real one would.
            if n % 20 == 0 {
                let _ = limiter.take(busy);
            }
        }
        // The busy client's empty bucket was never dropped for newcomers.
        assert!(limiter.take(busy).is_err());
    }
}
