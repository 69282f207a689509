using Verbatim.Common.Digests;
using Verbatim.Common.Identity;
using Verbatim.Common.Records;
using Verbatim.Tests.Build;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Common;

/// <summary>buildinfo.json is written byte-for-byte as before the move to Common, and read back into the same record.</summary>
public sealed class BuildRecordJsonTests
{
    /// <summary>The bytes the pre-Common writer (a sorted Utf8JsonWriter) gave for <see cref="Sample"/>, kept as fixtures.</summary>
    private static string Fixture(string name) => Path.Combine(BuildSupport.RepositoryRoot, "tests", "Verbatim.Tests", "Common", "Fixtures", name);

    public static BuildRecord Sample() => new()
    {
        BuilderId = "verbatim-local/1.2.3",
        RecipeName = "hello-c",
        RecipeVersion = "1.0",
        RecipeFile = "verbatim.yaml",
        RecipeSha256 = Sha256Digest.Parse(new string('a', 64)),
        Inputs =
        [
            new InputRecord("src", "path", "./src", null, Sha256Digest.Parse(new string('b', 64)), ".", true),
            new InputRecord("repo", "git", "https://example.org/r.git", new string('c', 40), Sha256Digest.Parse(new string('d', 64)), "sub/dir", true),
            new InputRecord("tarball", "url", "https://example.org/a b.tar.gz?x=1&y=<2>", null, Sha256Digest.Parse(new string('e', 64)), "a b.tar.gz", false),
        ],
        Environment = new EnvironmentRecord("rootfs", Sha256Digest.Parse(new string('f', 64)), [new InstalledPackage("gcc", "4:12.2.0-3", "amd64"), new InstalledPackage("libc6", "2.36-9+deb12u4", "amd64")], ["/usr/share/dotnet"]),
        Tools = new Dictionary<string, string> { ["gcc"] = "gcc (Debian 12.2.0-14) 12.2.0", ["bwrap"] = "bubblewrap 0.8.0" },
        EnvironmentVariables = new Dictionary<string, string> { ["TZ"] = "UTC", ["HOME"] = "/tmp/home", ["QUOTE"] = "say \"hi\"\\ \t tab é ✓" },
        SourceDateEpoch = 1700000000,
        Steps =
        [
            new StepRecord("build", "make && tar -czf dist/hello.tar.gz hello\necho done", 1800, new Dictionary<string, string>()),
            new StepRecord("second", "true", 5, new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" }),
        ],
        OutputPatterns = ["dist/*.tar.gz", "**/*.deb"],
        Subjects = [new OutputSubject("dist/hello.tar.gz", Sha256Digest.Parse(new string('0', 64)), 12345), new OutputSubject("x.deb", Sha256Digest.Parse(new string('1', 64)), 0)],
        Limits = new LimitsRecord(1800, 4096, 4L << 30),
    };

    [Fact]
    public void The_bytes_are_those_of_the_writer_before_the_move()
    {
        Assert.Equal(File.ReadAllText(Fixture("buildinfo-rootfs.json")), System.Text.Encoding.UTF8.GetString(BuildRecordJson.Serialize(Sample())));
        var host = Sample() with { Environment = new EnvironmentRecord("host", null, [], []) };
        Assert.Equal(File.ReadAllText(Fixture("buildinfo-host.json")), System.Text.Encoding.UTF8.GetString(BuildRecordJson.Serialize(host)));
    }

    [Fact]
    public void Write_then_read_gives_the_same_record()
    {
        using var dir = new TempDir();
        foreach (var record in new[] { Sample(), Sample() with { Environment = new EnvironmentRecord("host", null, [], []) } })
        {
            var path = dir.File("buildinfo.json");
            BuildRecordJson.Write(record, path);
            var read = BuildRecordJson.Read(path);
            Assert.Equal(BuildRecordJson.Serialize(record), BuildRecordJson.Serialize(read));
            Assert.Equal(record.RecipeSha256, read.RecipeSha256);
            Assert.Equal(record.Environment.Sha256, read.Environment.Sha256);
            Assert.Equal(record.Inputs, read.Inputs);
            Assert.Equal(record.Subjects, read.Subjects);
            Assert.Equal(record.Environment.Packages, read.Environment.Packages);
            Assert.Equal(record.EnvironmentVariables["QUOTE"], read.EnvironmentVariables["QUOTE"]);
            Assert.Equal(record.Steps[1].Env.OrderBy(p => p.Key), read.Steps[1].Env.OrderBy(p => p.Key));
            Assert.Equal((record.Limits, record.SourceDateEpoch, record.BuilderId), (read.Limits, read.SourceDateEpoch, read.BuilderId));
            Assert.Equal(record.OutputPatterns, read.OutputPatterns);
        }

        Assert.Empty(Directory.EnumerateFiles(dir.Path, ".*"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_record_made_under_another_identity_keeps_it(bool shiftedClock)
    {
        var identity = BuildIdentity.Default with
        {
            UserName = "alice",
            UserId = 1234,
            GroupName = "staff",
            GroupId = 4321,
            HostName = "elsewhere",
            DomainName = shiftedClock ? null : "example.org",
            Umask = 0b000_010_111,
            BuildPath = "/srv/build/x",
            CpuCount = shiftedClock ? null : 1,
            KernelRelease = "4.19.0-verbatim",
            TimeZone = "Asia/Tokyo",
            Clock = shiftedClock ? BuildClock.Shifted(TimeSpan.FromDays(-2)) : BuildClock.StartingAt(new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero)),
            ExtraVariables = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" },
        };
        var record = Sample() with { Identity = identity };
        var bytes = BuildRecordJson.Serialize(record);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("\"identity\": {", text, StringComparison.Ordinal);
        Assert.Contains("\"umask\": \"027\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        var read = BuildRecordJson.Parse(bytes);
        Assert.Equal(identity, read.Identity);
        Assert.Equal(bytes, BuildRecordJson.Serialize(read));

        var damaged = text.Replace("\"umask\": \"027\"", "\"umask\": \"99\"", StringComparison.Ordinal);
        Assert.Equal("buildinfo.json: identity.umask '99' is not three octal digits", Assert.Throws<BuildRecordException>(() => BuildRecordJson.Parse(System.Text.Encoding.UTF8.GetBytes(damaged))).Message);
        damaged = text.Replace("\"name\": \"alice\"", "\"name\": \"root\"", StringComparison.Ordinal);
        Assert.Equal("buildinfo.json: identity: id 0 is root's and root's alone", Assert.Throws<BuildRecordException>(() => BuildRecordJson.Parse(System.Text.Encoding.UTF8.GetBytes(damaged))).Message);
    }

    [Theory]
    [InlineData("not json", "buildinfo.json: not valid JSON: ")]
    [InlineData("[]", "buildinfo.json: the build record is not a JSON object")]
    [InlineData("{}", "buildinfo.json: has no format")]
    [InlineData("{\"format\": \"verbatim-buildinfo/2\"}", "buildinfo.json: format is 'verbatim-buildinfo/2', expected 'verbatim-buildinfo/1'")]
    [InlineData("{\"format\": \"verbatim-buildinfo/1\", \"format\": \"verbatim-buildinfo/1\"}", "buildinfo.json: not valid JSON: ")]
    public void A_file_that_is_no_record_is_refused_in_one_line(string json, string expected)
    {
        var error = Assert.Throws<BuildRecordException>(() => BuildRecordJson.Parse(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("\"sha256\": \"bbbb", "\"sha256\": \"xbbb", "buildinfo.json: inputs[0].sha256 is not 64 hex digits")]
    [InlineData("\"type\": \"directory\",\n      \"uri\": \"./src\"", "\"type\": \"folder\",\n      \"uri\": \"./src\"", "buildinfo.json: inputs[0].type is 'folder', expected 'file' or 'directory'")]
    [InlineData("\"size\": 12345", "\"size\": \"12345\"", "buildinfo.json: subjects[0].size is not a number")]
    [InlineData("\"size\": 12345", "\"size\": -1", "buildinfo.json: subjects[0].size is not a non-negative whole number")]
    [InlineData("\"recipe\": {\n    \"file\": \"verbatim.yaml\",", "\"recipe\": {\n", "buildinfo.json: has no recipe.file")]
    [InlineData("\"architecture\": \"amd64\",\n        \"name\": \"gcc\",", "\"architecture\": \"amd64\",\n        \"name\": 7,", "buildinfo.json: environment.packages[0].name is not a string")]
    [InlineData("\"TZ\": \"UTC\"", "\"TZ\": null", "buildinfo.json: environment_variables.TZ is not a string")]
    [InlineData("\"output_patterns\": [\n    \"dist/*.tar.gz\",", "\"output_patterns\": [\n    3,", "buildinfo.json: output_patterns[0] is not a string")]
    [InlineData("\"subjects\": [", "\"subjects\": 1, \"x\": [", "buildinfo.json: subjects is not a list")]
    [InlineData("\"inputs\": [\n    {", "\"inputs\": [\n    3, {", "buildinfo.json: inputs[0] is not an object")]
    public void A_damaged_member_is_named(string find, string replace, string expected)
    {
        var text = File.ReadAllText(Fixture("buildinfo-rootfs.json"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var error = Assert.Throws<BuildRecordException>(() => BuildRecordJson.Parse(System.Text.Encoding.UTF8.GetBytes(text.Replace(find, replace, StringComparison.Ordinal)), "buildinfo.json"));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void An_unreadable_file_names_its_path()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<BuildRecordException>(() => BuildRecordJson.Read(dir.File("missing.json")));
        Assert.StartsWith(dir.File("missing.json") + ": cannot read the build record: ", error.Message, StringComparison.Ordinal);
    }
}
