using System.CommandLine;
using Verbatim.Cli.Commands;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>The <c>verbatim build</c> command line: exit codes and one-line messages.</summary>
[Collection("sandbox")]
public sealed class BuildCommandTests
{
    [Fact]
    public void A_recipe_without_digests_exits_2_with_one_line()
    {
        using var dir = new TempDir();
        dir.Write("src/a.txt", "a\n");
        var recipe = dir.Write("verbatim.yaml", "name: x\nversion: \"1\"\nenvironment: host\nsource_date_epoch: 1\ninputs:\n  - name: src\n    path: ./src\nsteps: [ { name: b, run: 'true' } ]\noutputs: [ a.txt ]\n");
        var (status, stdout, stderr) = Run("build", recipe, "--out", dir.File("out"));
        Assert.Equal(2, status);
        Assert.Equal("", stdout);
        Assert.Equal($"verbatim build: {recipe}:6: input 'src' has no sha256: every input must be pinned by digest (run 'verbatim hash ./src')\n", stderr);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_build_prints_its_subjects_and_a_failing_step_exits_1()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "cli", """
              - name: write
                run: printf 'hi\n' > out.txt
            """);
        var (status, stdout, _) = Run("build", recipe, "--out", dir.File("out"), "--quiet");
        Assert.Equal(0, status);
        Assert.Equal("sha256:98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4  out.txt\n", stdout);
        Assert.True(File.Exists(dir.File("out/buildinfo.json")));

        File.WriteAllText(recipe, File.ReadAllText(recipe).Replace("printf 'hi\\n' > out.txt", "echo broken >&2; exit 3", StringComparison.Ordinal));
        (status, _, var stderr) = Run("build", recipe, "--out", dir.File("out2"), "--quiet");
        Assert.Equal(1, status);
        Assert.EndsWith("verbatim build: cli: step 'write' failed with exit status 3; last output: broken\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_signing_key_is_a_usage_error()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "key", "  - name: a\n    run: echo > out.txt");
        var (status, _, stderr) = Run("build", recipe, "--out", dir.File("out"), "--key", dir.File("missing.key"));
        Assert.Equal(2, status);
        Assert.Equal($"verbatim build: signing key {dir.File("missing.key")} does not exist\n", stderr);
    }

    [Fact]
    public void The_build_writes_signed_provenance_that_attest_verify_accepts_and_is_stable()
    {
        using var dir = new TempDir();
        using (var key = Verbatim.Provenance.SigningKey.Generate())
        {
            File.WriteAllText(dir.File("builder.key"), key.ExportPrivatePem());
            File.WriteAllText(dir.File("builder.pub"), key.ExportPublicPem());
        }

        var recipe = BuildSupport.HostRecipe(dir.Path, "signed", "  - name: write\n    run: printf 'signed\\n' > out.txt");
        Assert.Equal(0, Run("build", recipe, "--out", dir.File("out1"), "--key", dir.File("builder.key"), "--quiet").Status);
        Assert.Equal(0, Run("build", recipe, "--out", dir.File("out2"), "--key", dir.File("builder.key"), "--quiet").Status);

        var verify = Support.Cli.Run("attest", "verify", "--key", dir.File("builder.pub"), "--artifact", dir.File("out1/out.txt"), dir.File("out1/provenance.dsse.json"));
        Assert.True(verify.ExitCode == 0, verify.StdErr);

        var publicKey = Verbatim.Provenance.VerificationKey.LoadPublicPem(dir.File("builder.pub"));
        var first = Verbatim.Provenance.Dsse.Verify(File.ReadAllBytes(dir.File("out1/provenance.dsse.json")), publicKey);
        var second = Verbatim.Provenance.Dsse.Verify(File.ReadAllBytes(dir.File("out2/provenance.dsse.json")), publicKey);
        Assert.True(first.Valid, first.Reason);
        Assert.Equal(first.Payload, second.Payload);
        var statement = System.Text.Encoding.UTF8.GetString(first.Payload!);
        Assert.Contains("\"predicateType\":\"https://slsa.dev/provenance/v1\"", statement, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"out.txt\"", statement, StringComparison.Ordinal);

        File.WriteAllText(dir.File("out1/out.txt"), "tampered\n");
        Assert.Equal(1, Support.Cli.Run("attest", "verify", "--key", dir.File("builder.pub"), "--artifact", dir.File("out1/out.txt"), dir.File("out1/provenance.dsse.json")).ExitCode);
    }

    [Fact]
    public void Without_a_cache_location_the_build_does_not_start()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "nocache", "  - name: a\n    run: echo > out.txt");
        var result = Support.InProcessCli.Run(new Dictionary<string, string>(), "build", recipe, "--out", dir.File("out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("verbatim build: no cache directory: set VERBATIM_CACHE or HOME\n", result.StdErr);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Without_a_key_or_a_home_the_build_signs_nothing_and_says_so()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "unsigned", "  - name: a\n    run: echo unsigned > out.txt");
        var (status, _, stderr) = Run("build", recipe, "--out", dir.File("out"), "--quiet");
        Assert.Equal(0, status);
        Assert.Contains("no signing key given: provenance.dsse.json not written\n", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("out/buildinfo.json")));
        Assert.False(File.Exists(dir.File("out/provenance.dsse.json")));
    }

    [Fact]
    public void The_cli_creates_the_default_key_under_home_once_and_signs_with_it()
    {
        using var dir = new TempDir();
        var home = dir.File("home");
        var recipe = BuildSupport.HostRecipe(dir.Path, "default-key", "  - name: a\n    run: echo signed > out.txt");
        var env = new Dictionary<string, string> { ["HOME"] = home, ["VERBATIM_CACHE"] = BuildSupport.Store.Root };
        var first = Support.InProcessCli.Run(env, "build", recipe, "--out", dir.File("out1"), "--quiet");
        var key = Path.Combine(home, ".config", "verbatim", "builder.key");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"verbatim build: created signing key {key} (public key {Path.ChangeExtension(key, ".pub")})\n", first.StdErr, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));

        var second = Support.InProcessCli.Run(env, "build", recipe, "--out", dir.File("out2"), "--quiet");
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("created signing key", second.StdErr, StringComparison.Ordinal);
        var publicKey = Verbatim.Provenance.VerificationKey.LoadPublicPem(Path.ChangeExtension(key, ".pub"));
        foreach (var output in new[] { "out1", "out2" })
        {
            var verified = Verbatim.Provenance.Dsse.Verify(File.ReadAllBytes(dir.File(output + "/provenance.dsse.json")), publicKey);
            Assert.True(verified.Valid, verified.Reason);
        }
    }

    [Fact]
    public void Verbatim_key_names_the_default_key_and_a_bad_one_is_refused_before_building()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "env-key", "  - name: a\n    run: echo signed > out.txt");
        var keyPath = dir.Write("not-a.key", "hello\n");
        var env = new Dictionary<string, string> { ["VERBATIM_KEY"] = keyPath, ["VERBATIM_CACHE"] = BuildSupport.Store.Root };
        var result = Support.InProcessCli.Run(env, "build", recipe, "--out", dir.File("out"), "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"verbatim build: {keyPath}: not a PEM file\n", result.StdErr);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    private static (int Status, string StdOut, string StdErr) Run(params string[] args)
    {
        var result = Support.InProcessCli.Run(new Dictionary<string, string> { ["VERBATIM_CACHE"] = BuildSupport.Store.Root }, args);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }
}
