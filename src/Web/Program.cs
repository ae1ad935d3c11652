using EdgeControl.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddApplicationServices();

var app = builder.Build();

app.MapHealthEndpoints();

app.Run();

// No `public partial class Program;` here: the ASP.NET Core 10 SDK generates it, which is what
// WebApplicationFactory<Program> in tests/Web.Tests needs.
