namespace Verbatim.Server.Storage;

/// <summary>
/// The schema's migrations, in order; each runs once, in a transaction, and its number is recorded in
/// <c>schema_version</c>. <c>{id}</c> is the dialect's auto-increment primary key; <c>{prefix_index}</c> the dialect's
/// index for prefix searches of package names (PostgreSQL: on the names in the "C" collation; SQLite: none, its
/// primary key's binary order serves). Times are Unix milliseconds.
/// </summary>
internal static class Schema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE tokens (id {id}, name TEXT NOT NULL UNIQUE, scope TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
            public_key TEXT, key_id TEXT, created_at BIGINT NOT NULL);
        CREATE TABLE collections (id {id}, name TEXT NOT NULL UNIQUE, ecosystem TEXT NOT NULL, description TEXT,
            created_at BIGINT NOT NULL);
        CREATE TABLE packages (id {id}, collection_id BIGINT NOT NULL REFERENCES collections (id), name TEXT NOT NULL,
            version TEXT NOT NULL, spec TEXT, created_at BIGINT NOT NULL, UNIQUE (collection_id, name, version));
        CREATE INDEX packages_by_name ON packages (name);
        CREATE TABLE package_status (collection_id BIGINT NOT NULL, name TEXT NOT NULL, package_id BIGINT NOT NULL,
            version TEXT NOT NULL, status TEXT NOT NULL, result_id BIGINT, updated_at BIGINT NOT NULL,
            PRIMARY KEY (collection_id, name));
        CREATE INDEX package_status_by_status ON package_status (collection_id, status, name);
        CREATE INDEX package_status_by_package ON package_status (package_id);
        CREATE TABLE sections (collection_id BIGINT NOT NULL, section TEXT NOT NULL, name TEXT NOT NULL,
            PRIMARY KEY (collection_id, section, name));
        CREATE TABLE jobs (id {id}, package_id BIGINT NOT NULL REFERENCES packages (id), ecosystem TEXT NOT NULL,
            state TEXT NOT NULL, attempts INTEGER NOT NULL, available_at BIGINT NOT NULL, lease_id TEXT, worker TEXT,
            lease_expires BIGINT, last_error TEXT, created_at BIGINT NOT NULL, finished_at BIGINT);
        CREATE INDEX jobs_queue ON jobs (state, available_at, id);
        CREATE INDEX jobs_leases ON jobs (state, lease_expires);
        CREATE INDEX jobs_by_package ON jobs (package_id);
        CREATE TABLE results (id {id}, job_id BIGINT NOT NULL UNIQUE REFERENCES jobs (id), package_id BIGINT NOT NULL,
            verdict TEXT NOT NULL, reference_digest TEXT, rebuilt_digest TEXT, causes TEXT NOT NULL,
            normalizations TEXT NOT NULL, detail TEXT, worker TEXT NOT NULL, key_id TEXT NOT NULL,
            attestation TEXT NOT NULL, build_record TEXT, diff_html TEXT, recorded_at BIGINT NOT NULL);
        CREATE INDEX results_by_package ON results (package_id);
        CREATE TABLE result_causes (result_id BIGINT NOT NULL, cause TEXT NOT NULL, PRIMARY KEY (result_id, cause));
        CREATE TABLE history (collection_id BIGINT NOT NULL, section TEXT NOT NULL, at BIGINT NOT NULL,
            reproducible BIGINT NOT NULL, equivalent BIGINT NOT NULL, not_reproducible BIGINT NOT NULL,
            failed BIGINT NOT NULL, pending BIGINT NOT NULL);
        CREATE INDEX history_by_section ON history (collection_id, section, at);
        """,
        // The figures of every section, kept in the transaction that changes a package's status (no aggregate per
        // request), filled from the statuses recorded so far.
        """
        CREATE TABLE status_counts (collection_id BIGINT NOT NULL, section TEXT NOT NULL, status TEXT NOT NULL,
            packages BIGINT NOT NULL, PRIMARY KEY (collection_id, section, status));
        INSERT INTO status_counts (collection_id, section, status, packages)
            SELECT collection_id, 'all', status, COUNT(*) FROM package_status GROUP BY collection_id, status;
        INSERT INTO status_counts (collection_id, section, status, packages)
            SELECT s.collection_id, s.section, p.status, COUNT(*) FROM sections s
              JOIN package_status p ON p.collection_id = s.collection_id AND p.name = s.name
             GROUP BY s.collection_id, s.section, p.status;
        {prefix_index};
        """,
    ];
}
