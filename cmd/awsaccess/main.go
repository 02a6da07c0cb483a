// Command awsaccess serves awsaccess to real AWS clients and evaluates
// policies from the command line.
//
//	awsaccess serve [-addr 127.0.0.1:4566] [-world FILE] [-regions us-east-1,eu-west-1] [-clock real|2026-11-23T12:00:00Z] [-seed N]
//	awsaccess eval -action s3:GetObject -resource ARN [-principal ARN] [-identity FILE]... [-scp FILE]... [-resource-policy FILE] [-boundary FILE] [-session FILE] [-context key=value]...
//
// serve starts the HTTP front end on a loopback address with the embedded
// default world (or a world file), prints the credentials it created
// ready for `aws --endpoint-url`, logs every call with its decision, and
// shuts down gracefully on SIGINT or SIGTERM.
//
// eval evaluates one request against policy files and prints the decision
// with its explanation; it exits 0 when the request is allowed, 1 when it
// is denied.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: awsaccess serve|eval [flags]  (awsaccess <command> -h for the flags)")
		return 2
	}
	switch args[0] {
	case "serve":
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return serve(ctx, args[1:], stdout, stderr, nil)
	case "eval":
		return eval(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "awsaccess: unknown command %q (want serve or eval)\n", args[0])
	return 2
}

// serve runs the server until ctx ends. ready, when set, receives the
// address it listens on.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer, ready chan<- string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:4566", "address to listen on (loopback)")
	worldFile := fs.String("world", "", "world file (JSON) to start from instead of the embedded default")
	regions := fs.String("regions", strings.Join(awsaccess.DefaultRegions, ","), "comma-separated regions")
	clock := fs.String("clock", "real", `"real", or an RFC 3339 time the clock starts at and runs from`)
	seed := fs.Uint64("seed", 1, "seed of ids, secrets and tokens (0: random)")
	quiet := fs.Bool("quiet", false, "do not log each call")
	restore := fs.String("restore", "", "snapshot file (JSON, from -save) to start from instead of a world")
	save := fs.String("save", "", "file to write a snapshot of the whole world to when the server stops")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *restore != "" && *worldFile != "" {
		fmt.Fprintln(stderr, "awsaccess: -restore and -world are exclusive: a snapshot holds its whole world")
		return 2
	}
	now := time.Now
	if *clock != "real" {
		start, err := time.Parse(time.RFC3339, *clock)
		if err != nil {
			fmt.Fprintf(stderr, "awsaccess: -clock: %v\n", err)
			return 2
		}
		origin := time.Now()
		now = func() time.Time { return start.Add(time.Since(origin)) }
	}
	world := awsaccess.DefaultWorld()
	if *worldFile != "" {
		data, err := os.ReadFile(*worldFile)
		if err != nil {
			fmt.Fprintf(stderr, "awsaccess: %v\n", err)
			return 1
		}
		if world, err = awsaccess.ParseWorld(data); err != nil {
			fmt.Fprintf(stderr, "awsaccess: %s: %v\n", *worldFile, err)
			return 1
		}
	}
	var logger *slog.Logger
	if !*quiet {
		logger = slog.New(slog.NewJSONHandler(stderr, nil))
	}
	var (
		cloud *awsaccess.Cloud
		keys  []awsaccess.WorldKey
	)
	if *restore != "" {
		data, err := os.ReadFile(*restore)
		if err != nil {
			fmt.Fprintf(stderr, "awsaccess: %v\n", err)
			return 1
		}
		// The snapshot's regions and seed are the world's: the flags'
		// defaults do not apply to it.
		if cloud, err = awsaccess.Restore(awsaccess.Config{Now: now, Logger: logger}, data); err != nil {
			fmt.Fprintf(stderr, "awsaccess: %s: %v\n", *restore, err)
			return 1
		}
	} else {
		cloud = awsaccess.New(awsaccess.Config{Now: now, Seed: *seed, Regions: strings.Split(*regions, ","), Logger: logger})
		var err error
		if keys, err = cloud.Apply(world); err != nil {
			fmt.Fprintf(stderr, "awsaccess: %v\n", err)
			return 1
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "awsaccess: %v\n", err)
		return 1
	}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "awsaccess serving on %s\n\n", url)
	if *restore != "" {
		fmt.Fprintf(stdout, "# restored from %s: sign with the keys of that world\n", *restore)
	}
	for _, k := range keys {
		who := "root user"
		if k.UserName != "" {
			who = "user " + k.UserName
		}
		fmt.Fprintf(stdout, "# account %s, %s\nexport AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_DEFAULT_REGION=%s AWS_ENDPOINT_URL=%s\n",
			k.Account, who, k.AccessKeyID, k.SecretAccessKey, cloud.Regions()[0], url)
	}
	srv := &http.Server{Handler: cloud.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "awsaccess: %v\n", err)
			return 1
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			fmt.Fprintf(stderr, "awsaccess: shutdown: %v\n", err)
			return 1
		}
		fmt.Fprintln(stdout, "awsaccess stopped")
	}
	if *save != "" {
		data, err := cloud.Snapshot()
		if err == nil {
			err = os.WriteFile(*save, data, 0o600)
		}
		if err != nil {
			fmt.Fprintf(stderr, "awsaccess: -save: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "snapshot written to %s\n", *save)
	}
	return 0
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func eval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var identity, scps, rcps, contexts listFlag
	fs.Var(&identity, "identity", "identity-based policy file (repeatable)")
	fs.Var(&scps, "scp", "SCP file, one per level from the root down (repeatable)")
	fs.Var(&rcps, "rcp", "RCP file, one per level (repeatable)")
	fs.Var(&contexts, "context", "condition key=value (repeatable; key=a,b,c with -multi for a multi-valued key)")
	resourcePolicy := fs.String("resource-policy", "", "resource-based policy file")
	trust := fs.Bool("trust", false, "the resource policy is a role trust policy")
	boundary := fs.String("boundary", "", "permissions boundary file")
	session := fs.String("session", "", "session policy file")
	principal := fs.String("principal", "arn:aws:iam::111122223333:user/alice", "principal ARN (user, role session, root, federated user)")
	roleARN := fs.String("role", "", "for a role session, the role's ARN")
	action := fs.String("action", "", "action, e.g. s3:GetObject")
	resource := fs.String("resource", "*", "resource ARN")
	resourceAccount := fs.String("resource-account", "", "account owning the resource (default: the principal's)")
	management := fs.Bool("management", false, "the principal belongs to the organization's management account")
	multi := fs.Bool("multi", false, "treat comma-separated -context values as multi-valued keys")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *action == "" {
		fmt.Fprintln(stderr, "awsaccess eval: -action is required")
		return 2
	}
	p, err := principalOf(*principal, *roleARN)
	if err != nil {
		fmt.Fprintf(stderr, "awsaccess eval: %v\n", err)
		return 2
	}
	load := func(kind authz.Kind, files ...string) (*authz.PolicyList, error) {
		var named []authz.Named
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			pol, err := authz.Parse(kind, data)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			named = append(named, authz.Named{Name: f, Policy: pol})
		}
		return authz.NewPolicyList(named...), nil
	}
	set := &authz.PolicySet{PrincipalInManagementAccount: *management}
	steps := []struct {
		files []string
		kind  authz.Kind
		dst   **authz.PolicyList
	}{{identity, authz.Identity, &set.Identity}}
	if *boundary != "" {
		steps = append(steps, struct {
			files []string
			kind  authz.Kind
			dst   **authz.PolicyList
		}{[]string{*boundary}, authz.Boundary, &set.Boundary})
	}
	if *session != "" {
		steps = append(steps, struct {
			files []string
			kind  authz.Kind
			dst   **authz.PolicyList
		}{[]string{*session}, authz.Session, &set.Session})
	}
	if *resourcePolicy != "" {
		kind := authz.Resource
		if *trust {
			kind = authz.Trust
		}
		steps = append(steps, struct {
			files []string
			kind  authz.Kind
			dst   **authz.PolicyList
		}{[]string{*resourcePolicy}, kind, &set.Resource})
	}
	for _, s := range steps {
		if *s.dst, err = load(s.kind, s.files...); err != nil {
			fmt.Fprintf(stderr, "awsaccess eval: %v\n", err)
			return 2
		}
	}
	for _, f := range scps {
		l, err := load(authz.SCP, f)
		if err != nil {
			fmt.Fprintf(stderr, "awsaccess eval: %v\n", err)
			return 2
		}
		set.SCPs = append(set.SCPs, l)
	}
	for _, f := range rcps {
		l, err := load(authz.RCP, f)
		if err != nil {
			fmt.Fprintf(stderr, "awsaccess eval: %v\n", err)
			return 2
		}
		set.RCPs = append(set.RCPs, l)
	}
	ctx := authz.NewContext()
	for _, kv := range contexts {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			fmt.Fprintf(stderr, "awsaccess eval: -context %q: want key=value\n", kv)
			return 2
		}
		if *multi && strings.Contains(v, ",") {
			ctx.SetMulti(k, strings.Split(v, ",")...)
		} else {
			ctx.Set(k, v)
		}
	}
	req := &authz.Request{Principal: p, Action: *action, Resource: *resource, ResourceAccount: *resourceAccount, Context: ctx}
	exp := authz.Explain(req, set)
	fmt.Fprint(stdout, exp)
	if exp.Decision != authz.Allowed {
		fmt.Fprintf(stdout, "\n%s\n", exp.Message())
		return 1
	}
	return 0
}

// principalOf builds a principal from its ARN.
func principalOf(principalARN, roleARN string) (authz.Principal, error) {
	parts := strings.SplitN(principalARN, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return authz.Principal{}, fmt.Errorf("-principal %q is not an ARN", principalARN)
	}
	acct, res := parts[4], parts[5]
	p := authz.Principal{ARN: principalARN, Account: acct}
	switch {
	case res == "root":
		p.Type, p.UserID = authz.PrincipalRoot, acct
	case strings.HasPrefix(res, "user/"):
		p.Type = authz.PrincipalUser
		p.UserName = res[strings.LastIndex(res, "/")+1:]
	case strings.HasPrefix(res, "assumed-role/"):
		p.Type = authz.PrincipalAssumedRole
		role, _, _ := strings.Cut(strings.TrimPrefix(res, "assumed-role/"), "/")
		p.RoleARN = roleARN
		if p.RoleARN == "" {
			p.RoleARN = "arn:" + parts[1] + ":iam::" + acct + ":role/" + role
		}
	case strings.HasPrefix(res, "federated-user/"):
		p.Type = authz.PrincipalFederatedUser
		p.UserID = acct + ":" + strings.TrimPrefix(res, "federated-user/")
	default:
		return authz.Principal{}, fmt.Errorf("-principal %q: want a root, user, assumed-role or federated-user ARN", principalARN)
	}
	if _, err := strconv.ParseUint(acct, 10, 64); err != nil || len(acct) != 12 {
		return authz.Principal{}, fmt.Errorf("-principal %q: the account must be 12 digits", principalARN)
	}
	return p, nil
}
