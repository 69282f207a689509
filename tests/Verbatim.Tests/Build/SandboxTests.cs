using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>What a step sees: a cleared, fixed environment, its own identity, and nothing carried over but the workspace.</summary>
[Collection("sandbox")]
public sealed class SandboxTests
{
    [Fact]
    public void A_step_sees_only_the_fixed_environment_and_identity()
    {
        using var dir = new TempDir();
        Environment.SetEnvironmentVariable("VERBATIM_TEST_LEAK", "leaked");
        var recipe = BuildSupport.HostRecipe(dir.Path, "ident", """
              - name: probe
                env: { STEP_VAR: step }
                run: |
                  { env | sort; echo "id=$(id -u):$(id -g) $(id -un)"; echo "host=$(hostname)"; echo "umask=$(umask)"; echo "pwd=$(pwd)"; } > out.txt
            """, extra: "env: { RECIPE_VAR: recipe }");
        BuildSupport.Build(recipe, dir.File("out"));
        var lines = File.ReadAllLines(dir.File("out/out.txt"));
        var names = lines.Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith("id=", StringComparison.Ordinal) && !l.StartsWith("host=", StringComparison.Ordinal) && !l.StartsWith("umask=", StringComparison.Ordinal) && !l.StartsWith("pwd=", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).ToHashSet();
        Assert.Subset(new HashSet<string> { "HOME", "HOSTNAME", "LANG", "LC_ALL", "LOGNAME", "PATH", "PWD", "RECIPE_VAR", "SHLVL", "SOURCE_DATE_EPOCH", "STEP_VAR", "TMPDIR", "TZ", "USER", "OLDPWD", "_" }, names);
        Assert.Contains("SOURCE_DATE_EPOCH=1700000000", lines);
        Assert.Contains("TZ=UTC", lines);
        Assert.Contains("HOME=/tmp/home", lines);
        Assert.Contains("id=1000:1000 builder", lines);
        Assert.Contains("host=verbatim", lines);
        Assert.Contains("umask=0022", lines);
        Assert.Contains("pwd=/build/ident", lines);
    }

    [Fact]
    public async Task Progress_arrives_as_events_in_stage_order()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "events", "  - name: one\n    run: echo hello > out.txt; echo said-hello\n  - name: two\n    run: echo said-bye >&2");
        var events = new List<Verbatim.Build.BuildEvent>();
        var options = new Verbatim.Build.BuildOptions { OutDir = dir.File("out"), Store = BuildSupport.Store, Progress = e => { lock (events) { events.Add(e); } } };
        var result = await Verbatim.Build.BuildRunner.BuildAsync(Verbatim.Build.Recipes.RecipeLoader.Load(recipe), options);
        Assert.Equal(
            [
                (Verbatim.Build.BuildEventKind.InputVerified, $"input src: sha256:{result.Record.Inputs[0].Sha256.Hex} verified"),
                (Verbatim.Build.BuildEventKind.InputsVerified, "every input verified (1)"),
                (Verbatim.Build.BuildEventKind.StepStarted, "step one: echo hello > out.txt; echo said-hello"),
                (Verbatim.Build.BuildEventKind.StepOutput, "said-hello"),
                (Verbatim.Build.BuildEventKind.StepStarted, "step two: echo said-bye >&2"),
                (Verbatim.Build.BuildEventKind.StepOutput, "said-bye"),
                (Verbatim.Build.BuildEventKind.Notice, "no signing key given: provenance.dsse.json not written"),
            ],
            events.Select(e => (e.Kind, e.Message)));
        Assert.False(result.Provenance.Signed);
        Assert.Equal(["one", "two"], result.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Only_the_workspace_carries_from_step_to_step()
    {
        using var dir = new TempDir();
        var recipe = BuildSupport.HostRecipe(dir.Path, "carry", """
              - name: first
                run: echo kept > kept.txt && echo tmp > /tmp/x && echo home > $HOME/y
              - name: second
                run: |
                  { cat kept.txt; test -e /tmp/x && echo tmp-carried || echo tmp-fresh; test -e $HOME/y && echo home-carried || echo home-fresh; } > out.txt
            """);
        BuildSupport.Build(recipe, dir.File("out"));
        Assert.Equal("kept\ntmp-fresh\nhome-fresh\n", File.ReadAllText(dir.File("out/out.txt")));
    }
}
