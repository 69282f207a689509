using System.Text;
using System.Text.Json.Nodes;
using Verbatim.Provenance;

namespace Verbatim.Tests.Provenance;

public class StatementTests
{
    [Fact]
    public void Statement_is_canonical_in_toto_v1_with_slsa_provenance_v1()
    {
        var expected =
            "{\"_type\":\"https://in-toto.io/Statement/v1\"," +
            "\"predicate\":{\"buildDefinition\":{" +
            "\"buildType\":\"https://verbatim.dev/build-types/recipe/v1\"," +
            "\"externalParameters\":{\"recipe\":{\"path\":\"verbatim.yaml\",\"sha256\":\"" + new string('a', 64) + "\"},\"source_date_epoch\":1700000000}," +
            "\"internalParameters\":{\"environment\":\"host\"}," +
            "\"resolvedDependencies\":[" +
            "{\"digest\":{\"sha256\":\"" + new string('c', 64) + "\"},\"name\":\"environment\"}," +
            "{\"digest\":{\"sha256\":\"" + new string('b', 64) + "\"},\"name\":\"src\",\"uri\":\"file:src\"}]}," +
            "\"runDetails\":{\"builder\":{\"id\":\"https://verbatim.dev/builders/local/v1\",\"version\":{\"verbatim\":\"0.1.0\"}}," +
            "\"metadata\":{\"finishedOn\":\"2024-01-02T03:04:06.25Z\",\"invocationId\":\"inv-1\",\"startedOn\":\"2024-01-02T03:04:05Z\"}}}," +
            "\"predicateType\":\"https://slsa.dev/provenance/v1\"," +
            "\"subject\":[{\"digest\":{\"sha256\":\"" + ProvenanceSamples.HelloDigest + "\"},\"name\":\"dist/hello.tar.gz\"}]}";
        Assert.Equal(expected, Encoding.UTF8.GetString(ProvenanceSamples.Statement()));
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        Assert.Equal(ProvenanceSamples.Statement(), ProvenanceSamples.Statement());
        Assert.Equal(ProvenanceSamples.Statement(), ProvenanceStatement.Create(ProvenanceSamples.Input()));
    }

    [Fact]
    public void Subject_order_and_digest_case_do_not_change_the_bytes()
    {
        var a = new Subject("a.tar.gz", new string('1', 64));
        var b = new Subject("b.tar.gz", "ABCDEF" + new string('0', 58));
        var forward = ProvenanceStatement.Create(ProvenanceSamples.Input(a, b));
        var backward = ProvenanceStatement.Create(ProvenanceSamples.Input(b with { Sha256 = b.Sha256.ToLowerInvariant() }, a));
        Assert.Equal(forward, backward);
        Assert.Contains("\"sha256\":\"abcdef", Encoding.UTF8.GetString(forward), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_insertion_order_of_parameters_does_not_change_the_bytes()
    {
        var one = ProvenanceSamples.Input() with { ExternalParameters = new JsonObject { ["z"] = 1, ["a"] = "x", ["m"] = new JsonArray(true, null, 2.5) } };
        var two = ProvenanceSamples.Input() with { ExternalParameters = new JsonObject { ["m"] = new JsonArray(true, null, 2.5), ["a"] = "x", ["z"] = 1 } };
        Assert.Equal(ProvenanceStatement.Create(one), ProvenanceStatement.Create(two));
        Assert.Contains("\"externalParameters\":{\"a\":\"x\",\"m\":[true,null,2.5],\"z\":1}", Encoding.UTF8.GetString(ProvenanceStatement.Create(one)), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_times_and_empty_optional_parts_are_left_out()
    {
        var input = ProvenanceSamples.Input() with
        {
            StartedOn = null,
            FinishedOn = null,
            InvocationId = "",
            InternalParameters = [],
            ResolvedDependencies = [],
            BuilderVersion = new Dictionary<string, string>(),
        };
        var json = Encoding.UTF8.GetString(ProvenanceStatement.Create(input));
        Assert.DoesNotContain("metadata", json, StringComparison.Ordinal);
        Assert.DoesNotContain("internalParameters", json, StringComparison.Ordinal);
        Assert.DoesNotContain("resolvedDependencies", json, StringComparison.Ordinal);
        Assert.DoesNotContain("version", json, StringComparison.Ordinal);
        Assert.True(StatementVerifier.VerifyShape(Encoding.UTF8.GetBytes(json)).Valid);
    }

    [Fact]
    public void Times_are_written_in_utc()
    {
        var input = ProvenanceSamples.Input() with { StartedOn = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)) };
        Assert.Contains("\"startedOn\":\"2024-01-02T03:04:05Z\"", Encoding.UTF8.GetString(ProvenanceStatement.Create(input)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("zz91b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")]
    public void Bad_subject_digest_is_refused(string digest)
    {
        var e = Assert.Throws<ArgumentException>(() => ProvenanceStatement.Create(ProvenanceSamples.Input(new Subject("x", digest))));
        Assert.Contains("subject x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_subjects_empty_build_type_or_builder_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ProvenanceStatement.Create(ProvenanceSamples.Input() with { Subjects = [] }));
        Assert.Throws<ArgumentException>(() => ProvenanceStatement.Create(ProvenanceSamples.Input() with { BuildType = "" }));
        Assert.Throws<ArgumentException>(() => ProvenanceStatement.Create(ProvenanceSamples.Input() with { BuilderId = " " }));
        Assert.Throws<ArgumentException>(() => ProvenanceStatement.Create(ProvenanceSamples.Input() with
        {
            ResolvedDependencies = [new ResolvedDependency("nothing", "", "")],
        }));
    }

    [Fact]
    public void Caller_parameters_are_not_consumed()
    {
        var input = ProvenanceSamples.Input();
        ProvenanceStatement.Create(input);
        Assert.Null(input.ExternalParameters.Parent);
        Assert.Equal(ProvenanceSamples.Statement(), ProvenanceStatement.Create(input));
    }
}
