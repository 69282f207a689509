using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Verbatim.Service.Tests.Support;

/// <summary>
/// A real PostgreSQL (Debian's package) started for the tests on 127.0.0.1 and a free port, in a temporary data
/// directory, as the unprivileged <c>postgres</c> user when the tests run as root; stopped and removed on dispose.
/// Each test asks for a database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class Postgres : IAsyncLifetime
{
    private string dataDirectory = "";
    private string bin = "";
    private int databases;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (test.sh does)");
        dataDirectory = Directory.CreateTempSubdirectory("verbatim-pg-").FullName;
        Port = FreePort();
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", dataDirectory);
        }

        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", dataDirectory, "-A", "trust", "-U", "verbatim", "--no-sync", "-E", "UTF8");
        await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", dataDirectory, "-l", Path.Combine(dataDirectory, "log"), "-w", "-t", "60",
            "-o", $"-p {Port} -h 127.0.0.1 -k {dataDirectory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start");
    }

    /// <summary>A new empty database; its URL for <c>--db</c>.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref databases)}";
        await RunAsPostgresAsync(Path.Combine(bin, "createdb"), "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "verbatim", name);
        return $"postgres://verbatim@127.0.0.1:{Port}/{name}";
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", dataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunAsPostgresAsync(string program, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<Postgres>
{
    public const string Name = "postgres";
}
