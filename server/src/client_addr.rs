//! Which client a request comes from, for the per-address rate limits (threats.md item 78).
//! Behind a front proxy every request arrives from the proxy's address, so one visitor's burst
//! would spend everyone's bucket; the proxies named in `SEEKPASS_TRUSTED_PROXIES` are believed
//! about the address they forwarded for, and nobody else is. An IPv6 client is keyed by its /64,
//! the block one subscriber is given, so fresh addresses from it share a bucket.

use std::net::{IpAddr, Ipv6Addr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The front proxies whose `Forwarded` / `X-Forwarded-For` headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads a comma-separated list of addresses or CIDR blocks (`10.0.0.0/8, ::1`).
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("SEEKPASS_TRUSTED_PROXIES: {s} is not an address or CIDR block")
                    })
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, addr: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&addr))
    }

    /// The client's address: the peer, or, when the peer is a trusted proxy, the nearest address
    /// in the forwarding chain that is not one (the rightmost, since each hop appends).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let chain = forwarded_for(headers);
        chain
            .iter()
            .rev()
            .find(|a| !self.trusts(**a))
            .or(chain.first())
            .copied()
            .unwrap_or(peer)
    }
}

/// The addresses of `Forwarded: for=…` (RFC 7239), else `X-Forwarded-For`, in order; an entry
/// that is not an address (`unknown`, an obfuscated name) ends the chain there.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let values = |name| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>()
    };
    let forwarded: Vec<_> = values("forwarded")
        .into_iter()
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                k.eq_ignore_ascii_case("for").then(|| v.trim_matches('"'))
            })
        })
        .collect();
    let entries = if forwarded.is_empty() {
        values("x-forwarded-for")
    } else {
        forwarded
    };
    entries.into_iter().map_while(node_address).collect()
}

/// `192.0.2.1`, `192.0.2.1:443`, `2001:db8::1`, `[2001:db8::1]:443`.
fn node_address(node: &str) -> Option<IpAddr> {
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    node.parse()
        .ok()
        .or_else(|| node.rsplit_once(':')?.0.parse().ok())
}

/// The key a client's bucket is kept under: an IPv4 address, or an IPv6 address's /64.
pub fn bucket_key(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V4(_) => addr,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_a_trusted_peer_is_believed() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, ::1").unwrap();
        let xff = headers(&[("x-forwarded-for", "198.51.100.7, 10.0.0.3")]);
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(trusted.client(ip("10.0.0.2"), &xff), ip("198.51.100.7"));
        assert_eq!(
            trusted.client(ip("203.0.113.9"), &xff),
            ip("203.0.113.9"),
            "a stranger's header"
        );
        // A spoofed entry the client wrote first is not what the trusted proxy appended.
        let spoofed = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7")]);
        assert_eq!(trusted.client(ip("10.0.0.2"), &spoofed), ip("198.51.100.7"));
        let fwd = headers(&[(
            "forwarded",
            "for=192.0.2.60;proto=https, for=\"[2001:db8::7]:443\"",
        )]);
        assert_eq!(trusted.client(ip("::1"), &fwd), ip("2001:db8::7"));
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.2"), &xff),
            ip("10.0.0.2")
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
    }

    #[test]
    fn ipv6_clients_share_their_64() {
        let a = bucket_key("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = bucket_key("2001:db8:1:2:bbbb::9".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, bucket_key("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(
            bucket_key("::ffff:192.0.2.1".parse().unwrap()),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
    }
}
