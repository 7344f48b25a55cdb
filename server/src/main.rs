//! `seekpass-server`: demo, reference proxy and SEEK Pass mock. Configured by `SEEKPASS_*`
//! environment variables; with none set it runs the mock on http://127.0.0.1:8080.

use seekpass_server::{start, Config};

#[tokio::main]
async fn main() {
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("seekpass-server: {e}");
            std::process::exit(2);
        }
    };
    let mode = format!("{:?}", config.upstream).to_lowercase();
    match start(config).await {
        Ok(running) => {
            println!(
                "seekpass-button demo ({mode} mode): http://{}/",
                running.addr
            );
            let _ = tokio::signal::ctrl_c().await;
        }
        Err(e) => {
            eprintln!("seekpass-server: {e}");
            std::process::exit(1);
        }
    }
}
