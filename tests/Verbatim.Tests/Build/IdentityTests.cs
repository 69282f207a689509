using Verbatim.Build;
using Verbatim.Build.Environments;
using Verbatim.Build.Recipes;
using Verbatim.Build.Sandbox;
using Verbatim.Build.Stages;
using Verbatim.Common.Identity;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>Each field of a <see cref="BuildIdentity"/> changes what a step really sees in the sandbox.</summary>
[Collection("sandbox")]
public sealed class IdentityTests
{
    private const string Probe = """
          - name: probe
            run: |
              {
                echo "id=$(id -u):$(id -g) $(id -un):$(id -gn)"
                echo "host=$(hostname) fqdn=$(hostname -f 2>/dev/null || echo none)"
                echo "umask=$(umask)"
                echo "pwd=$(pwd)"
                echo "home=$HOME $(test -d "$HOME" && echo exists)"
                echo "tz=$TZ $(date +%Z)"
                echo "lang=$LANG $LC_ALL"
                echo "nproc=$(nproc)"
                echo "uname=$(uname -r)"
                echo "uname-a=$(uname -a)"
                echo "year=$(date +%Y)"
                echo "extra=${EXTRA:-unset}"
              } > out.txt
        """;

    private static readonly BuildIdentity Varied = BuildIdentity.Default with
    {
        UserName = "alice",
        UserId = 1234,
        GroupName = "staff",
        GroupId = 4321,
        HostName = "elsewhere",
        DomainName = "example.org",
        Home = "/home/alice",
        Umask = 0b000_010_111,
        BuildPath = "/srv/build/probe",
        TimeZone = "Asia/Tokyo",
        Locale = "C",
        CpuCount = 1,
        KernelRelease = "4.19.0-verbatim",
        Clock = BuildClock.StartingAt(new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero)),
        ExtraVariables = new Dictionary<string, string> { ["EXTRA"] = "given" },
    };

    [Fact]
    public void Every_field_changes_what_a_step_sees()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "probe", Probe);
        Assert.Null(BuildSupport.Build(recipe, dir.File("default")).Result.Record.Identity);
        Assert.DoesNotContain("identity", File.ReadAllText(dir.File("default/buildinfo.json")), StringComparison.Ordinal);
        var before = Lines(dir.File("default/out.txt"));
        Assert.Equal("1000:1000 builder:builder", before["id"]);
        Assert.Equal("verbatim fqdn=verbatim", before["host"]);
        Assert.Equal("0022", before["umask"]);
        Assert.Equal("/build/probe", before["pwd"]);
        Assert.Equal("/tmp/home exists", before["home"]);
        Assert.Equal("UTC UTC", before["tz"]);
        Assert.Equal("C.UTF-8 C.UTF-8", before["lang"]);
        Assert.Equal(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), before["nproc"]);
        Assert.Equal(Environment.OSVersion.Version.ToString(3), before["uname"].Split('-')[0]);
        Assert.Equal(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), before["year"]);
        Assert.Equal("unset", before["extra"]);

        if (FakeTime.Library(HostEnvironment) is null)
        {
            var (error, _) = BuildSupport.Fail(recipe, dir.File("varied"), Varied);
            Assert.StartsWith("identity: the clock (from 2001-02-03T04:05:06Z) cannot be faked: the environment has no libfaketime", error.Message, StringComparison.Ordinal);
            return;
        }

        var (result, _) = BuildSupport.Build(recipe, dir.File("varied"), Varied);
        var after = Lines(dir.File("varied/out.txt"));
        Assert.Equal("1234:4321 alice:staff", after["id"]);
        Assert.Equal("elsewhere fqdn=elsewhere.example.org", after["host"]);
        Assert.Equal("0027", after["umask"]);
        Assert.Equal("/srv/build/probe", after["pwd"]);
        Assert.Equal("/home/alice exists", after["home"]);
        Assert.Equal("Asia/Tokyo JST", after["tz"]);
        Assert.Equal("C C", after["lang"]);
        Assert.Equal("1", after["nproc"]);
        Assert.Equal("4.19.0-verbatim", after["uname"]);
        Assert.Contains(" 4.19.0-verbatim ", after["uname-a"], StringComparison.Ordinal);
        Assert.DoesNotContain(before["uname"], after["uname-a"], StringComparison.Ordinal);
        Assert.Equal("2001", after["year"]);
        Assert.Equal("given", after["extra"]);
        Assert.Equal("Asia/Tokyo", result.Record.EnvironmentVariables["TZ"]);
        Assert.Equal("@981173106", result.Record.EnvironmentVariables["FAKETIME"]);
        Assert.Equal(Varied, result.Record.Identity);
        Assert.Equal(Varied, Verbatim.Common.Records.BuildRecordJson.Read(dir.File("varied/buildinfo.json")).Identity);
        var statement = System.Text.Encoding.UTF8.GetString(Verbatim.Build.Records.ProvenanceWriter.Statement(result.Record));
        Assert.Contains("\"identity\":{\"build_path\":\"/srv/build/probe\",\"clock\":{\"start\":\"2001-02-03T04:05:06Z\"},\"cpu_count\":1,", statement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shifted_clock_runs_that_far_from_the_real_one()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "shift", "  - name: now\n    run: date +%s > out.txt");
        var shift = TimeSpan.FromDays(3650);
        var identity = BuildIdentity.Default with { Clock = BuildClock.Shifted(shift) };
        if (FakeTime.Library(HostEnvironment) is null)
        {
            Assert.StartsWith("identity: the clock (real +315360000 s) cannot be faked", BuildSupport.Fail(recipe, dir.File("out"), identity).Error.Message, StringComparison.Ordinal);
            return;
        }

        BuildSupport.Build(recipe, dir.File("out"), identity);
        var seen = DateTimeOffset.FromUnixTimeSeconds(long.Parse(File.ReadAllText(dir.File("out/out.txt")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(seen - DateTimeOffset.UtcNow, shift - TimeSpan.FromMinutes(2), shift + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void What_the_machine_cannot_give_is_refused_before_any_step()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "refuse", "  - name: a\n    run: echo ran > out.txt");
        var (error, log) = BuildSupport.Fail(recipe, dir.File("out"), BuildIdentity.Default with { CpuCount = 4096 });
        Assert.Equal($"identity: a CPU count of 4096 cannot be given: only {Environment.ProcessorCount} CPUs are available to this build", error.Message);
        Assert.DoesNotContain(log, l => l.StartsWith("step ", StringComparison.Ordinal));
        (error, _) = BuildSupport.Fail(recipe, dir.File("out"), BuildIdentity.Default with { UserName = "root" });
        Assert.Equal("identity: id 0 is root's and root's alone", error.Message);
    }

    [Fact]
    public async Task One_preparation_executes_concurrently_under_two_identities()
    {
        using var dir = new TempDir();
        var recipe = RecipeLoader.Load(BuildSupport.HostRecipe(dir.Path, "twice", "  - name: who\n    run: echo \"$(hostname) $(id -un) $TZ\" > out.txt"));
        using var http = new HttpClient();
        var prepared = await PrepareStage.PrepareAsync(recipe, BuildSupport.Store, http, null);
        var identities = new[]
        {
            BuildIdentity.Default with { HostName = "first", UserName = "one", TimeZone = "Europe/Paris" },
            BuildIdentity.Default with { HostName = "second", UserName = "two", TimeZone = "America/Lima" },
        };
        var runs = identities.Select(async (identity, i) =>
        {
            using var executed = await ExecuteStage.ExecuteAsync(prepared, identity, Path.GetTempPath(), null);
            var outDir = dir.File("out" + i);
            var record = RecordStage.Create(executed, CollectStage.Collect(executed, outDir));
            RecordStage.Write(record, outDir);
            return (File.ReadAllText(Path.Combine(outDir, "out.txt")), record, executed.Workspace);
        }).ToArray();
        var results = await Task.WhenAll(runs);
        Assert.Equal("first one Europe/Paris\n", results[0].Item1);
        Assert.Equal("second two America/Lima\n", results[1].Item1);
        Assert.Equal("second", results[1].record.EnvironmentVariables["HOSTNAME"]);
        Assert.NotEqual(results[0].record.Subjects[0].Sha256, results[1].record.Subjects[0].Sha256);
        Assert.All(results, r => Assert.False(Directory.Exists(r.Workspace)));
    }

    [Fact]
    public async Task A_failing_step_is_an_outcome_of_the_execute_stage_not_an_exception()
    {
        using var dir = new TempDir();
        var recipe = RecipeLoader.Load(BuildSupport.HostRecipe(dir.Path, "fails", "  - name: one\n    run: echo first\n  - name: two\n    run: echo bad >&2; exit 4\n  - name: three\n    run: echo never"));
        using var http = new HttpClient();
        var prepared = await PrepareStage.PrepareAsync(recipe, BuildSupport.Store, http, null);
        using var executed = await ExecuteStage.ExecuteAsync(prepared, BuildIdentity.Default, Path.GetTempPath(), null);
        Assert.False(executed.Succeeded);
        Assert.Equal("step 'two' failed with exit status 4; last output: bad", executed.Failure);
        Assert.Equal(["one", "two"], executed.Steps.Select(s => s.Name));
        Assert.Equal(4, executed.Steps[1].Outcome.ExitCode);
        Assert.Equal(executed.Failure, Assert.Throws<BuildException>(() => CollectStage.Collect(executed, dir.File("out"))).Message);
    }

    private static ResolvedEnvironment HostEnvironment => new("/", null, [], []);

    private static Dictionary<string, string> Lines(string file) =>
        File.ReadAllLines(file).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
