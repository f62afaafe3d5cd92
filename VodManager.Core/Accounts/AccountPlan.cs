namespace VodManager.Core.Accounts;

public enum AccountPlan
{
    Free = 0,
    Paid = 1,
}
