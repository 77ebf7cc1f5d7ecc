//! `polku-server`: `serve` runs the regional sync server; `admin …` manages organisations,
//! teams, users, enrolment codes and devices in the same database.

use clap::{Parser, Subcommand};
use polku_domain::protocol::Role;
use polku_server::service::admin;
use polku_server::{api, serve, Db};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "polku-server", version, about = "Polku's regional sync server")]
struct Cli {
    /// sqlite://FILE (default) or postgres://USER@HOST/DB
    #[arg(
        long,
        global = true,
        env = "POLKU_DATABASE",
        default_value = "sqlite://polku-server.db"
    )]
    database: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sync API until SIGTERM or Ctrl+C.
    Serve {
        #[arg(long, default_value = "127.0.0.1:7878")]
        listen: SocketAddr,
        /// PEM certificate chain; with --tls-key, serve HTTPS.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Request bodies larger than this (after decompression) get 413.
        #[arg(long, default_value_t = api::DEFAULT_MAX_BODY)]
        max_body_bytes: usize,
    },
    /// Manage organisations, teams, users, enrolment codes and devices.
    Admin {
        #[command(subcommand)]
        what: Admin,
    },
}

/// A user and a team of one organisation, each by id or name.
#[derive(clap::Args)]
struct Membership {
    #[arg(long)]
    org: String,
    #[arg(long)]
    user: String,
    #[arg(long)]
    team: String,
}

#[derive(Subcommand)]
enum Admin {
    /// Create an organisation; prints its id.
    OrgCreate { name: String },
    /// Create a team in an organisation; prints its id.
    TeamCreate {
        #[arg(long)]
        org: String,
        name: String,
    },
    /// Create a user with a role (coach, supervisor, admin) in teams; prints the id.
    UserCreate {
        #[arg(long)]
        org: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// A team the user works in (coach) or supervises (supervisor); repeatable.
        #[arg(long = "team")]
        teams: Vec<String>,
        name: String,
    },
    /// Put a user in a team (a supervisor's devices import it at their next sync).
    TeamJoin(Membership),
    /// Take a user out of a team (a supervisor's devices stop reading it at their next sync).
    TeamLeave(Membership),
    /// Issue a one-time enrolment code for one device of a user; prints the code.
    Code {
        #[arg(long)]
        org: String,
        #[arg(long)]
        user: String,
        /// Hours until the code expires.
        #[arg(long, default_value_t = 72)]
        hours: u32,
    },
    /// Move a client with all their records to another coach of the organisation (when a
    /// coach leaves or is away); prints how many records moved.
    Handover {
        #[arg(long)]
        org: String,
        /// The client's id.
        #[arg(long)]
        client: String,
        /// The coach taking the client over, by id or name.
        #[arg(long)]
        to: String,
    },
    /// List enrolled devices.
    Devices,
    /// Revoke a device: it stops syncing at its next request.
    Revoke { device: String },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::from_code(s).ok_or_else(|| format!("unknown role {s:?}: coach, supervisor or admin"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "polku_server=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .json()
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            listen,
            tls_cert,
            tls_key,
            max_body_bytes,
        } => {
            serve::serve(serve::Options {
                database: cli.database,
                listen,
                tls: tls_cert.zip(tls_key),
                max_body: max_body_bytes,
            })
            .await
        }
        Command::Admin { what } => {
            let db = Db::open(&cli.database).await?;
            let out = run_admin(&db, what).await;
            db.close().await;
            println!("{}", out?);
            Ok(())
        }
    }
}

async fn run_admin(db: &Db, what: Admin) -> anyhow::Result<String> {
    Ok(match what {
        Admin::OrgCreate { name } => admin::create_org(db, &name).await?,
        Admin::TeamCreate { org, name } => admin::create_team(db, &org, &name).await?,
        Admin::UserCreate {
            org,
            role,
            teams,
            name,
        } => admin::create_user(db, &org, &name, role, &teams).await?,
        Admin::Code { org, user, hours } => admin::issue_code(db, &org, &user, hours).await?,
        Admin::TeamJoin(Membership { org, user, team }) => {
            admin::join_team(db, &org, &user, &team).await?;
            format!("{user} is in {team}")
        }
        Admin::TeamLeave(Membership { org, user, team }) => {
            admin::leave_team(db, &org, &user, &team).await?;
            format!("{user} is no longer in {team}")
        }
        Admin::Handover { org, client, to } => {
            let done = admin::hand_over(db, &org, &client, &to).await?;
            format!(
                "client {client}: {} records moved from user {} to user {}",
                done.records, done.from_user_id, done.to_user_id
            )
        }
        Admin::Devices => admin::list_devices(db)
            .await?
            .into_iter()
            .map(|d| {
                let state = d
                    .revoked_at
                    .map_or("active".to_owned(), |t| format!("revoked {t}"));
                format!(
                    "{}\t{}\t{}\t{}\t{state}",
                    d.id, d.user_id, d.name, d.enrolled_at
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Admin::Revoke { device } => {
            admin::revoke_device(db, &device).await?;
            format!("revoked {device}")
        }
    })
}
