package wildcard_test

import (
	"fmt"

	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

func ExampleCompile() {
	p := wildcard.Compile("arn:aws:s3:::bucket/*/logs/?.txt")
	fmt.Println(p.Match("arn:aws:s3:::bucket/2024/01/logs/a.txt"))
	fmt.Println(p.Match("arn:aws:s3:::bucket/2024/01/logs/ab.txt"))
	fmt.Println(p.LiteralPrefix())
	// Output:
	// true
	// false
	// arn:aws:s3:::bucket/
}

func ExamplePattern_MatchFold() {
	// IAM compares action names without regard to ASCII case.
	p := wildcard.Compile("iam:*AccessKey*")
	fmt.Println(p.Match("IAM:listaccesskeys"))
	fmt.Println(p.MatchFold("IAM:listaccesskeys"))
	fmt.Println(p.MatchFold("iam:ListUsers"))
	// Output:
	// false
	// true
	// false
}

func ExampleBuilder() {
	// Resource "arn:aws:s3:::home/${aws:username}/*" for a user named "a*b":
	// the star in the user name is an ordinary character.
	var b wildcard.Builder
	b.AppendPattern("arn:aws:s3:::home/")
	b.AppendLiteral("a*b")
	b.AppendPattern("/*")
	p := b.Pattern()
	fmt.Println(p)
	fmt.Println(p.Match("arn:aws:s3:::home/a*b/notes.txt"))
	fmt.Println(p.Match("arn:aws:s3:::home/alice-b/notes.txt"))
	// Output:
	// arn:aws:s3:::home/a${*}b/*
	// true
	// false
}

func ExamplePattern_MatchesEverything() {
	for _, s := range []string{"*", "**", "*?", "iam:*"} {
		fmt.Println(s, wildcard.Compile(s).MatchesEverything())
	}
	// Output:
	// * true
	// ** true
	// *? false
	// iam:* false
}
