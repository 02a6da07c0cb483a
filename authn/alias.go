package authn

import "regexp"

// accountAliasPattern is IAM's pattern of account aliases: 3 to 63
// lower-case letters, digits and single hyphens, starting and ending with
// a letter or digit. (RE2 has no lookahead, so "no two hyphens in a row"
// is checked apart.)
var accountAliasPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)

func checkAccountAlias(alias string) error {
	if n := len(alias); n < 3 || n > 63 {
		return errValidation(alias, "accountAlias", lengthConstraint(3, 63, n))
	}
	if !accountAliasPattern.MatchString(alias) || containsDoubleHyphen(alias) {
		return errValidation(alias, "accountAlias", `satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`)
	}
	return nil
}

func containsDoubleHyphen(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] == '-' && s[i-1] == '-' {
			return true
		}
	}
	return false
}

// CreateAccountAlias gives the account its alias, replacing the one it
// has: an account has at most one. Aliases are unique across the
// partition (the Directory), so an alias any account holds, this one
// included, is EntityAlreadyExists.
func (a *Account) CreateAccountAlias(alias string) error {
	return a.updateAlias(alias, func(acct *account) error {
		for _, other := range a.d.accounts {
			if other.alias == alias {
				return errAlreadyExists("The account alias %s already exists.", alias)
			}
		}
		acct.alias = alias
		return nil
	})
}

// DeleteAccountAlias removes the account's alias, which must be the one
// named.
func (a *Account) DeleteAccountAlias(alias string) error {
	return a.updateAlias(alias, func(acct *account) error {
		if acct.alias == "" || acct.alias != alias {
			return errNoSuchEntity("The account alias %s cannot be found.", alias)
		}
		acct.alias = ""
		return nil
	})
}

// updateAlias checks an alias and runs f under the write lock.
func (a *Account) updateAlias(alias string, f func(*account) error) error {
	if err := checkAccountAlias(alias); err != nil {
		return err
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	return f(acct)
}

// ListAccountAliases lists the account's alias: none or one.
func (a *Account) ListAccountAliases() ([]string, error) {
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	if acct.alias == "" {
		return []string{}, nil
	}
	return []string{acct.alias}, nil
}
