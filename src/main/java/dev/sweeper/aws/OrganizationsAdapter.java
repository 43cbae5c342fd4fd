package dev.sweeper.aws;

import dev.sweeper.core.OrgAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;

/**
 * The accounts of the caller's Organization: ListAccounts (from the management account or a delegated
 * administrator), or ListAccountsForParent under each root or OU given and, through
 * ListOrganizationalUnitsForParent, under every OU inside it. Organizations may answer a page with fewer results
 * than asked, even none, while more remain: only a null NextToken ends a listing, which the paginators follow
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html).
 */
final class OrganizationsAdapter {
    private final OrganizationsClient organizations;

    OrganizationsAdapter(OrganizationsClient organizations) {
        this.organizations = organizations;
    }

    List<OrgAccount> accounts(List<String> parents) {
        Map<String, OrgAccount> out = new LinkedHashMap<>();
        String operation = "ListAccounts";
        try {
            if (parents.isEmpty()) {
                organizations.listAccountsPaginator(b -> { }).forEach(page -> page.accounts()
                        .forEach(a -> out.putIfAbsent(a.id(), of(a))));
                return new ArrayList<>(out.values());
            }
            Set<String> seen = new LinkedHashSet<>();
            List<String> todo = new ArrayList<>(parents);
            while (!todo.isEmpty()) {
                String parent = todo.remove(0);
                if (!seen.add(parent)) {
                    continue;
                }
                operation = "ListAccountsForParent";
                organizations.listAccountsForParentPaginator(b -> b.parentId(parent))
                        .forEach(page -> page.accounts().forEach(a -> out.putIfAbsent(a.id(), of(a))));
                operation = "ListOrganizationalUnitsForParent";
                organizations.listOrganizationalUnitsForParentPaginator(b -> b.parentId(parent))
                        .forEach(page -> page.organizationalUnits().stream().map(OrganizationalUnit::id)
                                .forEach(todo::add));
            }
            return new ArrayList<>(out.values());
        } catch (SdkException e) {
            throw Errors.translate(operation, e);
        }
    }

    /** State, AWS's field since 2025; the legacy Status (retired on 2026-09-09) only where State is absent. */
    private static OrgAccount of(Account a) {
        String state = a.stateAsString() != null ? a.stateAsString() : a.statusAsString();
        return new OrgAccount(a.id(), a.name(), state);
    }
}
