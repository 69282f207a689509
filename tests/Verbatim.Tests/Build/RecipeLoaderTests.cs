using Verbatim.Build.Recipes;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

public sealed class RecipeLoaderTests
{
    private const string Digest = "04f52806b841ac0bbfd3617e434fbd27e73ddc3454de40851453b808529f5cf9";

    [Fact]
    public void The_minimal_form_from_the_issue_loads_as_written()
    {
        var recipe = RecipeLoader.Load(BuildSupport.Example("hello-c"));
        Assert.Equal("hello-c", recipe.Name);
        Assert.Equal("1.0", recipe.Version);
        Assert.True(recipe.Environment.IsHost);
        Assert.Equal(1700000000, recipe.SourceDateEpoch.Fixed);
        var input = Assert.Single(recipe.Inputs);
        Assert.Equal(("src", "./src", Digest), (input.Name, input.Path, input.Sha256));
        Assert.Equal("make && tar --sort=name --mtime=@$SOURCE_DATE_EPOCH -czf dist/hello.tar.gz hello", Assert.Single(recipe.Steps).Run);
        Assert.Equal(["dist/*.tar.gz"], recipe.Outputs);
        Assert.Equal(64, recipe.Digest.Length);
    }

    [Fact]
    public void A_recipe_without_digests_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.Write("verbatim.yaml", """
            name: x
            version: "1"
            environment: host
            source_date_epoch: 1
            inputs:
              - name: src
                path: ./src
            steps:
              - name: build
                run: make
            outputs: [ "a" ]
            """);
        var error = Assert.Throws<RecipeException>(() => RecipeLoader.Load(path));
        Assert.Equal($"{path}:6: input 'src' has no sha256: every input must be pinned by digest (run 'verbatim hash ./src')", error.Message);
    }

    [Theory]
    [InlineData("colour: red", "unknown key 'colour' in the recipe")]
    [InlineData("environment: docker", "environment must be 'host' or { rootfs: sha256:<digest> }, not 'docker'")]
    [InlineData("environment: { rootfs: sha256:1234 }", "environment.rootfs must be sha256:<64 hex digits>")]
    [InlineData("source_date_epoch: yesterday", "source_date_epoch must be a non-negative whole number, not 'yesterday'")]
    [InlineData("source_date_epoch: { from: svn }", "source_date_epoch.from must be 'git' or 'debian-changelog', not 'svn'")]
    [InlineData("env: { SOURCE_DATE_EPOCH: '5' }", "env may not set SOURCE_DATE_EPOCH: the sandbox fixes it")]
    [InlineData("outputs: [ /etc/passwd ]", "output pattern '/etc/passwd' must be relative to the workspace")]
    [InlineData("inputs: [ { name: s, git: ./repo, commit: abc } ]", "input 's': a git input must pin 'commit' to a full 40-hex-digit commit id")]
    [InlineData("inputs: [ { name: s, url: ftp://x/y, sha256: " + Digest + " } ]", "input 's': url must be http:// or https://")]
    [InlineData("inputs: [ { name: s, path: a, url: https://x/y, sha256: " + Digest + " } ]", "input 's' needs exactly one of 'path', 'url' or 'git'")]
    [InlineData("steps: []", "the recipe needs at least one step")]
    [InlineData("name: ../evil", "name '../evil' may hold only letters, digits, '.', '_' and '-'")]
    [InlineData("steps: [ { name: a, run: make, timeout: soon } ]", "step 'a': timeout must be a non-negative whole number, not 'soon'")]
    public void Bad_recipes_are_refused_with_one_line_naming_the_file(string line, string problem)
    {
        using var dir = new TempDir();
        var key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        var lines = new List<string>
        {
            "name: x", "version: \"1\"", "environment: host", "source_date_epoch: 1",
            $"inputs: [ {{ name: src, path: ./src, sha256: {Digest} }} ]", "steps: [ { name: build, run: make } ]", "outputs: [ a ]",
        };
        var index = lines.FindIndex(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        if (index >= 0)
        {
            lines[index] = line;
        }
        else
        {
            lines.Add(line);
        }

        var path = dir.Write("verbatim.yaml", string.Join('\n', lines) + "\n");
        var error = Assert.Throws<RecipeException>(() => RecipeLoader.Load(path));
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Invalid_yaml_is_refused_with_its_line()
    {
        using var dir = new TempDir();
        var path = dir.Write("verbatim.yaml", "name: x\nsteps: [ unclosed\n");
        var error = Assert.Throws<RecipeException>(() => RecipeLoader.Load(path));
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_recipe_is_named()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<RecipeException>(() => RecipeLoader.Load(dir.Path));
        Assert.Equal(dir.File("verbatim.yaml") + ": no such recipe file", error.Message);
    }
}
