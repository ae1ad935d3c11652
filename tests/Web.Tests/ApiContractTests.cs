using System.Text.Json.Nodes;
using EdgeControl.Data;
using EdgeControl.Web.Tests.ApiClient;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Contract = EdgeControl.Web.Tests.ApiClient.Models;

namespace EdgeControl.Web.Tests;

/// <summary>
/// The OpenAPI document as a contract other tools rely on: the served document is the committed one
/// (docs/api/openapi-v1.json), it passes Redocly's recommended rules, the committed Kiota client
/// (tests/Web.Tests/ApiClient) is what Kiota generates from it, and that client works against the real app.
/// After an API change, scripts/update-api-contract.sh refreshes the document and the client.
/// </summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class ApiContractTests(RealSocketAppFixture fixture)
{
    /// <summary>Set to 1 (scripts/update-api-contract.sh does), the served document replaces the committed one.</summary>
    public const string UpdateVariable = "EDGECONTROL_UPDATE_CONTRACT";

    private static readonly string CommittedDocument = Path.Combine(RepositoryRoot.Path, "docs", "api", "openapi-v1.json");
    private static readonly string CommittedClient = Path.Combine(RepositoryRoot.Path, "tests", "Web.Tests", "ApiClient");

    [Fact]
    public async Task The_served_document_is_the_committed_contract()
    {
        var served = await ServedDocumentAsync();

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.Copy(served, CommittedDocument, overwrite: true);
        }

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(served)), JsonNode.Parse(await File.ReadAllTextAsync(CommittedDocument))),
            $"The served document ({served}) differs from docs/api/openapi-v1.json: run scripts/update-api-contract.sh and commit what it changes.");
    }

    [Fact]
    public async Task The_served_document_passes_the_redocly_recommended_rules()
    {
        var served = await ServedDocumentAsync();

        var (exitCode, output) = await ExternalCommand.RunAsync("bash", ["scripts/lint-openapi.sh", served], TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, $"scripts/lint-openapi.sh exited {exitCode}:\n{output}");
        Assert.Contains("Your API description is valid", output, StringComparison.Ordinal);
        // Redocly counts what it found ("You have 2 warnings."); its notice about the Node.js version is no finding.
        Assert.DoesNotMatch(@"\d+ warnings?\b", output);
    }

    [Fact]
    public async Task The_committed_client_is_what_kiota_generates_from_the_served_document()
    {
        var served = await ServedDocumentAsync();
        var generated = Directory.CreateTempSubdirectory("edgecontrol-api-client-").FullName;
        try
        {
            var (exitCode, output) = await ExternalCommand.RunAsync(
                "bash", ["scripts/generate-api-client.sh", served, generated], TimeSpan.FromMinutes(4));
            Assert.True(exitCode == 0, $"scripts/generate-api-client.sh exited {exitCode}:\n{output}");

            var expected = Files(generated);
            Assert.Equal(expected.Keys.Order(), Files(CommittedClient).Keys.Order());
            foreach (var (file, text) in Files(CommittedClient))
            {
                Assert.True(text == expected[file], $"tests/Web.Tests/ApiClient/{file} is not what Kiota generates from the served document: run scripts/update-api-contract.sh.");
            }
        }
        finally
        {
            Directory.Delete(generated, recursive: true);
        }
    }

    [Fact]
    public async Task The_generated_client_registers_a_device_reports_an_outcome_and_reads_the_topology_as_an_operator()
    {
        using var adminHttp = fixture.CreateClient();
        var admin = Client(adminHttp, new AnonymousAuthenticationProvider());
        await admin.Api.V1.Accounts.SignIn.PostAsync(new Contract.SignInRequest { UserName = SignIn.AdminUserName, Password = SignIn.AdminPassword });
        var operatorName = $"operator-{Guid.NewGuid():N}";
        await admin.Api.V1.Accounts.PostAsync(new Contract.CreateAccountRequest { UserName = operatorName, Password = SignIn.OperatorPassword, Role = "Operator" });

        using var registrarHttp = fixture.CreateClient();
        var registrar = Client(registrarHttp, new HeaderCredential("X-Registration-Token", DeviceRegistration.Token));
        var name = DeviceRegistration.UniqueName();
        var registered = await registrar.Api.V1.Devices.PostAsync(new Contract.RegisterDeviceRequest { Name = name, Profile = "rpi4", Users = ["camera-1", "phone-1"] });
        Assert.NotNull(registered?.ApiKey);
        Assert.Equal(new[] { "camera-1", "phone-1" }, registered.Users);

        using var deviceHttp = fixture.CreateClient();
        var device = Client(deviceHttp, new HeaderCredential("X-Api-Key", registered.ApiKey));
        var decision = await device.Api.V1.Decisions.PostAsync(new Contract.RequestContext
        {
            RequestId = $"r-{Guid.NewGuid():N}", User = "camera-1", UplinkMbps = 20, RttEdgeMs = 5, RttCloudMs = 40, LocalLoad = 0,
        });
        Assert.NotNull(decision?.Ticket);
        var report = await device.Api.V1.Telemetry.PostAsync(new Contract.TelemetryBatchRequest
        {
            Outcomes =
            [
                new Contract.OutcomeReport
                {
                    Sequence = 0, RequestId = decision.RequestId, User = decision.User, Action = decision.Action, Target = decision.Target,
                    Variant = decision.Variant, LatencyMs = 42.5, EnergyJ = 0.8, Accuracy = 0.7, ObservedAt = DateTimeOffset.UtcNow, Ticket = decision.Ticket,
                },
            ],
        });
        Assert.Equal(1, report?.Accepted);
        Assert.Empty(report!.Rejected!);
        await device.Api.V1.Devices[registered.Id!.Value].Heartbeat.PostAsync();

        using var operatorHttp = fixture.CreateClient();
        var watcher = Client(operatorHttp, new AnonymousAuthenticationProvider());
        var account = await watcher.Api.V1.Accounts.SignIn.PostAsync(new Contract.SignInRequest { UserName = operatorName, Password = SignIn.OperatorPassword });
        var topology = await watcher.Api.V1.Topology.GetAsync();
        var devices = await watcher.Api.V1.Devices.GetAsync();

        Assert.Equal(new[] { "Operator" }, account?.Roles);
        Assert.Contains(topology!.Nodes!, n => n.Name == "edge-1" && n.Tier == "edge");
        Assert.Contains(topology.Users!, u => u.User == "camera-1");
        var listed = Assert.Single(devices!, d => d.Name == name);
        Assert.Equal("online", listed.Status);
        Assert.Equal(new[] { "camera-1", "phone-1" }, listed.Users);
    }

    [Fact]
    public async Task The_generated_client_reads_each_refusal_as_the_documented_problem_details()
    {
        using var operatorHttp = fixture.CreateClient();
        await SignIn.AsNewOperatorAsync(fixture.App.Services, operatorHttp);
        var watcher = Client(operatorHttp, new AnonymousAuthenticationProvider());
        using var strangerHttp = fixture.CreateClient();
        var stranger = Client(strangerHttp, new HeaderCredential("X-Api-Key", "ec_not-a-key"));

        var notAdmin = await Assert.ThrowsAsync<Contract.ProblemDetails>(() => watcher.Api.V1.TrainingRuns.PostAsync(new Contract.StartTrainingRunRequest()));
        var unknownKey = await Assert.ThrowsAsync<Contract.ProblemDetails>(() => stranger.Api.V1.Decisions.PostAsync(new Contract.RequestContext
        {
            User = "camera-1", UplinkMbps = 20, RttEdgeMs = 5, RttCloudMs = 40, LocalLoad = 0,
        }));
        var noDevice = await Assert.ThrowsAsync<Contract.ProblemDetails>(() => watcher.Api.V1.Devices[Guid.NewGuid()].GetAsync());
        var noMarker = await Assert.ThrowsAsync<Contract.ProblemDetails>(() => watcher.Api.V1.Accounts.SignOut.PostAsync());
        await watcher.Api.V1.Accounts.SignOut.PostAsync(request => request.Headers.Add("X-Requested-With", "EdgeControl"));
        var signedOut = await Assert.ThrowsAsync<Contract.ProblemDetails>(() => watcher.Api.V1.Topology.GetAsync());

        Assert.Equal(403, notAdmin.Status);
        Assert.Equal((401, "X-Api-Key"), (unknownKey.ResponseStatusCode, unknownKey.Header));
        Assert.Equal((404, "Device not found"), (noDevice.ResponseStatusCode, noDevice.Title));
        Assert.Equal((415, "Content-Type"), (noMarker.ResponseStatusCode, noMarker.Header));
        Assert.Equal(401, signedOut.ResponseStatusCode);
    }

    [Fact]
    public async Task The_generated_client_reads_a_runs_closed_loop_and_open_loop_scores_and_null_where_closed_loop_was_not_measured()
    {
        var run = new TrainingRunEntity
        {
            Id = Guid.CreateVersion7(), Agent = "hl", ScenarioName = "paper-mobilenet", Options = "{}", StartedAt = DateTimeOffset.UtcNow,
            BestScore = 0.99, BestClosedLoopScore = 0.92,
        };
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
            db.TrainingRuns.Add(run);
            // The first point as a run recorded before closed-loop scores has it.
            db.CurvePoints.Add(new CurvePointEntity { RunId = run.Id, RealInteractions = 0, Score = 0.6 });
            db.CurvePoints.Add(new CurvePointEntity { RunId = run.Id, RealInteractions = 500, Score = 0.99, ClosedLoopScore = 0.92 });
            await db.SaveChangesAsync();
        }

        using var operatorHttp = fixture.CreateClient();
        await SignIn.AsNewOperatorAsync(fixture.App.Services, operatorHttp);
        var watcher = Client(operatorHttp, new AnonymousAuthenticationProvider());
        var listed = await watcher.Api.V1.TrainingRuns[run.Id].GetAsync();
        var curve = await watcher.Api.V1.TrainingRuns[run.Id].Curve.GetAsync();

        Assert.Equal((0.92, 0.99), (listed?.BestClosedLoopScore, listed?.BestScore));
        Assert.Equal([(0L, (double?)null, 0.6), (500L, 0.92, 0.99)], curve!.Select(p => (p.RealInteractions ?? -1, p.ClosedLoopScore, p.Score ?? double.NaN)));
    }

    /// <summary>The served document, saved as TestResults/openapi/v1.json for the lint and the generator to read.</summary>
    private async Task<string> ServedDocumentAsync()
    {
        using var client = fixture.CreateClient();
        var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var path = Path.Combine(RepositoryRoot.TestResults("openapi"), "v1.json");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static EdgeControlApiClient Client(HttpClient http, IAuthenticationProvider credential) =>
        new(new HttpClientRequestAdapter(credential, httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });

    /// <summary>
    /// Every generated file by its path under <paramref name="directory"/>; in the lock file, the line naming where the
    /// document was read from is left out (it differs between a run in a temporary directory and the committed one).
    /// </summary>
    private static Dictionary<string, string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(
                file => Path.GetRelativePath(directory, file),
                file => string.Join('\n', File.ReadLines(file).Where(line => !line.Contains("\"descriptionLocation\"", StringComparison.Ordinal))));
}
