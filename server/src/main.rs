//! `seekpass-server`: demo, reference proxy and SEEK Pass mock. Configured by `SEEKPASS_*`
//! environment variables; with none set it runs the mock on http://127.0.0.1:8080.

use seekpass_server::{start, Config};
use tracing_subscriber::EnvFilter;

/// Logs to stderr: `RUST_LOG` filters (default `info`), `SEEKPASS_LOG_FORMAT=json` writes JSON
/// lines, `SEEKPASS_QUIET` turns request logs off.
fn init_logging() {
    let default = if std::env::var_os("SEEKPASS_QUIET").is_some() {
        "warn"
    } else {
        "info"
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let json = std::env::var("SEEKPASS_LOG_FORMAT").is_ok_and(|f| f == "json");
    let installed = if json {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.try_init()
    };
    if installed.is_err() {
        eprintln!("seekpass-server: logging was already set up");
    }
}

/// SIGTERM (what process managers send) or Ctrl-C.
async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// What `--help` prints: the server is configured by environment variables only.
const USAGE: &str = "\
seekpass-server: the seekpass-button demo, reference partner proxy and SEEK Pass mock

Usage: seekpass-server [--help | --version]
       seekpass-server link --help    (entry links for email, print and SMS)

Configured by environment variables; with none set it runs the mock on http://127.0.0.1:8080
(no credentials needed). The main ones (the README's Configuration table lists all):
  SEEKPASS_ENV            mock (default), staging or production
  SEEKPASS_CLIENT_ID      your SEEK Pass OAuth client id (required outside mock)
  SEEKPASS_CLIENT_SECRET  your SEEK Pass OAuth client secret (required outside mock)
  SEEKPASS_SESSION_KEY    64 hex characters (required outside mock)
  SEEKPASS_ID_KEY         64 hex characters, the same on every instance (required outside mock)
  SEEKPASS_RECORDS        the record store (required outside mock unless SEEKPASS_DEMO=1)
  SEEKPASS_PUBLIC_ORIGIN  where your users reach this server, e.g. https://partner.example
  SEEKPASS_LISTEN / PORT  listen address (default 127.0.0.1:8080)
  RUST_LOG                log filter (default info); SEEKPASS_LOG_FORMAT=json for JSON lines
";

/// Answers `--help` and `--version` without starting anything; any other argument is refused,
/// so a mistyped flag never starts a server the caller did not mean to.
fn arguments() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => {}
        Some("link") => {
            if args.iter().any(|a| a == "-h" || a == "--help") {
                print!("{}", seekpass_server::links::cli::USAGE);
                std::process::exit(0);
            }
            match seekpass_server::links::cli::run(&args[1..]) {
                Ok(line) => {
                    println!("{line}");
                    std::process::exit(0);
                }
                Err(e) => {
                    eprintln!("seekpass-server link: {e}");
                    std::process::exit(2);
                }
            }
        }
        Some("-h" | "--help") => {
            print!("{USAGE}");
            std::process::exit(0);
        }
        Some("-V" | "--version") => {
            println!("seekpass-server {}", env!("CARGO_PKG_VERSION"));
            std::process::exit(0);
        }
        Some(other) => {
            eprintln!("seekpass-server: unknown argument {other:?}\n\n{USAGE}");
            std::process::exit(2);
        }
    }
}

#[tokio::main]
async fn main() {
    arguments();
    init_logging();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("seekpass-server: {e}");
            std::process::exit(2);
        }
    };
    let mode = format!("{:?}", config.upstream).to_lowercase();
    match start(config).await {
        Ok(mut running) => {
            println!(
                "seekpass-button demo ({mode} mode): http://{}/",
                running.addr
            );
            terminated().await;
            tracing::info!("shutting down: finishing in-flight requests");
            running.stop();
            let _ = (&mut running.task).await;
        }
        Err(e) => {
            eprintln!("seekpass-server: {e}");
            std::process::exit(1);
        }
    }
}
