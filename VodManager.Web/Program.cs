using VodManager.Web.Hosting;
using VodManager.Web.Hosting.Cli;

if (CliApp.IsCliInvocation(args))
{
    return await CliApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddVodManagerWeb();
var app = builder.Build();
app.UseVodManagerWeb();
return await app.RunVodManagerAsync();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
