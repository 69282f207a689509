using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verbatim.Service.Contracts;

/// <summary>The one JSON form of the API's types: camelCase, source-generated (no reflection; the CLI is Native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CollectionCreate))]
[JsonSerializable(typeof(CollectionSummary))]
[JsonSerializable(typeof(List<CollectionSummary>))]
[JsonSerializable(typeof(CollectionDetail))]
[JsonSerializable(typeof(WhySummary))]
[JsonSerializable(typeof(SectionHistory))]
[JsonSerializable(typeof(PackagesAdd))]
[JsonSerializable(typeof(PackagesAdded))]
[JsonSerializable(typeof(PackagePage))]
[JsonSerializable(typeof(PackageDetail))]
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(LeaseResponse))]
[JsonSerializable(typeof(LeaseRenew))]
[JsonSerializable(typeof(LeaseRenewed))]
[JsonSerializable(typeof(ResultUpload))]
[JsonSerializable(typeof(ResultRecorded))]
[JsonSerializable(typeof(ResultBatch))]
[JsonSerializable(typeof(ResultBatchOutcome))]
[JsonSerializable(typeof(JobFailure))]
[JsonSerializable(typeof(JobFailed))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(TokenCreate))]
[JsonSerializable(typeof(TokenCreated))]
[JsonSerializable(typeof(WorkerRegister))]
[JsonSerializable(typeof(WorkerRegistered))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string))]
public sealed partial class ApiJson : JsonSerializerContext;
