using VodManager.Web.Hosting;
using VodManager.Web.Hosting.Cli;

return CliApp.IsCliInvocation(args)
    ? await CliApp.RunAsync(args)
    : await WebHostingExtensions.RunVodManagerWebAsync(args);

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
