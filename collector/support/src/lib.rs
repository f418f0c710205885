//! # lokalform-collector-support
//!
//! Test and benchmark support for `lokalform-collector`, never shipped: it
//! is not part of the collector's library API, is not published, and no
//! production binary depends on it. The collector uses it only as a
//! dev-dependency of its integration tests.
//!
//! | item | job |
//! |---|---|
//! | [`http1`] | a tiny HTTP/1.1 client for the load generator and the collector's tests |
//! | [`enroll`] | enrolls a tablet at a running collector (admin code, then the device credential kiosk batches need) |
//! | [`pg_cluster`] | a throwaway PostgreSQL cluster (Debian's `postgresql` package) for the tests and the benchmark |
//! | `lokalform-loadgen` (binary) | the load generator behind `cargo xtask bench collector` |
//!
//! The load generator starts a collector in-process, so this crate depends
//! on `lokalform-collector`; the collector depends on this crate only for
//! its tests (a dev-dependency cycle, which Cargo allows).

pub mod enroll;
pub mod http1;
pub mod pg_cluster;
