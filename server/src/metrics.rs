//! Prometheus metrics (`GET /metrics`, text exposition format): requests by route template and
//! status, SEEK Pass call latency, token fetches. Labels never carry a reference or an id.

use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// A request's method as a label: one of the standard methods or `OTHER`. Never the raw token,
/// which the client chooses freely (threats.md item 59: one label per distinct method was a
/// memory bomb).
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum MethodLabel {
    /// `GET`.
    Get,
    /// `HEAD`.
    Head,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `PATCH`.
    Patch,
    /// `CONNECT`.
    Connect,
    /// `TRACE`.
    Trace,
    /// Any extension method.
    Other,
}

impl MethodLabel {
    /// The label for `method`.
    pub fn of(method: &axum::http::Method) -> MethodLabel {
        use axum::http::Method as M;
        match *method {
            M::GET => MethodLabel::Get,
            M::HEAD => MethodLabel::Head,
            M::POST => MethodLabel::Post,
            M::PUT => MethodLabel::Put,
            M::DELETE => MethodLabel::Delete,
            M::OPTIONS => MethodLabel::Options,
            M::PATCH => MethodLabel::Patch,
            M::CONNECT => MethodLabel::Connect,
            M::TRACE => MethodLabel::Trace,
            _ => MethodLabel::Other,
        }
    }

    /// The label value, as metrics and logs print it.
    pub fn as_str(self) -> &'static str {
        match self {
            MethodLabel::Get => "GET",
            MethodLabel::Head => "HEAD",
            MethodLabel::Post => "POST",
            MethodLabel::Put => "PUT",
            MethodLabel::Delete => "DELETE",
            MethodLabel::Options => "OPTIONS",
            MethodLabel::Patch => "PATCH",
            MethodLabel::Connect => "CONNECT",
            MethodLabel::Trace => "TRACE",
            MethodLabel::Other => "OTHER",
        }
    }
}

impl EncodeLabelValue for MethodLabel {
    fn encode(&self, encoder: &mut LabelValueEncoder<'_>) -> Result<(), std::fmt::Error> {
        std::fmt::Write::write_str(encoder, self.as_str())
    }
}

/// Labels of one served request. Every value comes from a closed set: a [`MethodLabel`], a
/// route template of the router, and a status code the server chose.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    /// HTTP method, standard or `OTHER`.
    pub method: MethodLabel,
    /// The route template (e.g. `/api/seekpass/status/{references}`) or `static`, never the
    /// raw path.
    pub route: String,
    /// Response status code.
    pub status: u16,
}

/// Labels of one call to SEEK Pass.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct UpstreamLabels {
    /// `token`, `add` or `status`.
    pub call: &'static str,
}

type LatencyFamily = Family<UpstreamLabels, Histogram, fn() -> Histogram>;

/// Every metric of the server, and the registry that exposes them.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    upstream_latency: LatencyFamily,
    token_fetches: Counter,
    links: Family<LinkLabels, Counter>,
}

/// Labels of an entry-link event.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LinkLabels {
    /// `email`, `print` or `sms`.
    pub channel: &'static str,
    /// `view` (a `GET` or `HEAD`: people and scanners alike) or `confirm` (a SEEK Pass link
    /// handed out).
    pub event: &'static str,
}

fn latency_histogram() -> Histogram {
    // 5 ms to about 20 s.
    Histogram::new(exponential_buckets(0.005, 2.0, 13))
}

impl Default for Metrics {
    fn default() -> Metrics {
        let mut registry = Registry::with_prefix("seekpass");
        let requests = Family::<RequestLabels, Counter>::default();
        let upstream_latency: LatencyFamily = Family::new_with_constructor(latency_histogram);
        let token_fetches = Counter::default();
        let links = Family::<LinkLabels, Counter>::default();
        registry.register(
            "link_events",
            "Entry-link views and confirmations by channel; views far above confirmations are scanners at work",
            links.clone(),
        );
        registry.register(
            "http_requests",
            "Requests served, by method, route template and status",
            requests.clone(),
        );
        registry.register(
            "upstream_latency_seconds",
            "Time of each call to the SEEK Pass API",
            upstream_latency.clone(),
        );
        registry.register(
            "token_fetches",
            "OAuth token requests sent to SEEK Pass",
            token_fetches.clone(),
        );
        Metrics {
            registry,
            requests,
            upstream_latency,
            token_fetches,
            links,
        }
    }
}

impl Metrics {
    /// Counts one served request.
    pub fn request(&self, labels: RequestLabels) {
        self.requests.get_or_create(&labels).inc();
    }

    /// Records the time of one SEEK Pass call.
    pub fn upstream(&self, call: &'static str, took: Duration) {
        self.upstream_latency
            .get_or_create(&UpstreamLabels { call })
            .observe(took.as_secs_f64());
    }

    /// Counts one token request.
    pub fn token_fetch(&self) {
        self.token_fetches.inc();
    }

    /// Counts one entry-link event.
    pub fn link_event(&self, channel: &'static str, event: &'static str) {
        self.links
            .get_or_create(&LinkLabels { channel, event })
            .inc();
    }

    /// Token requests so far.
    pub fn token_fetches(&self) -> u64 {
        self.token_fetches.get()
    }

    /// The text exposition of every metric.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}
