using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core;
using VodManager.Core.Storage;

namespace VodManager.Tests.Fixtures;

/// <summary>"Nothing left behind", checked for real: no VOD or upload rows, no stored or staged bytes, no temp files, no quota change.</summary>
public static class Leftovers
{
    public static async Task AssertNoneAsync(IServiceProvider services, int accountId)
    {
        var db = await services.GetRequiredService<IDbContextFactory<Core.Data.VodDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            Assert.Empty(await db.Vods.IgnoreQueryFilters().Where(v => v.AccountId == accountId).Select(v => v.ExternalId).ToListAsync());
            Assert.Empty(await db.VideoUploads.Where(u => u.AccountId == accountId).Select(u => u.Id).ToListAsync());
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
            Assert.Equal((0L, 0), (account.UsedBytes, account.VodCount));
        }

        Assert.Empty(await StoredKeysAsync(services, accountId));
        var temp = services.GetRequiredService<DataPaths>().Temp;
        Assert.Empty(Directory.Exists(temp) ? Directory.EnumerateFiles(temp, "*", SearchOption.AllDirectories) : []);
    }

    /// <summary>Every key under the account, including a Blob's uncommitted (staged) blocks and a disk's partial files.</summary>
    public static async Task<List<string>> StoredKeysAsync(IServiceProvider services, int accountId)
    {
        var storage = services.GetRequiredService<IVodStorage>();
        var prefix = StorageKeys.AccountPrefix(accountId);
        var keys = new List<string>();
        if (storage is AzureBlobStorage blob)
        {
            await foreach (var item in blob.Container.GetBlobsAsync(BlobTraits.None, BlobStates.Uncommitted, prefix, CancellationToken.None))
            {
                keys.Add(item.Name);
            }

            return keys;
        }

        await foreach (var key in storage.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys;
    }
}
