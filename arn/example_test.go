package arn_test

import (
	"errors"
	"fmt"

	"github.com/seed-e2e06c4d/awsaccess/arn"
	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

func ExampleParse() {
	a, err := arn.Parse("arn:aws:sns:us-east-1:123456789012:topic:subscription")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Service, a.Region, a.Account(), a.Resource)

	_, err = arn.Parse("arn:aws:S3:::bucket")
	fmt.Println(err)
	fmt.Println(errors.Is(err, arn.ErrMalformed))
	// Output:
	// sns us-east-1 123456789012 topic:subscription
	// arn: parse "arn:aws:S3:::bucket": invalid character 'S' at offset 8 in service "S3"
	// true
}

func ExampleSplit() {
	parts, ok := arn.Split("arn:aws:s3:::bucket/a:b")
	fmt.Printf("%q %v\n", parts, ok)
	// Output:
	// ["arn" "aws" "s3" "" "" "bucket/a:b"] true
}

func ExampleCompilePattern() {
	p, err := arn.CompilePattern("arn:aws:someservice:*:111122223333:finance/*")
	if err != nil {
		fmt.Println(err)
		return
	}
	// The region `*` matches within its segment only ...
	fmt.Println(p.Match("arn:aws:someservice:us-east-2:111122223333:finance/document.txt"))
	fmt.Println(p.Match("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"))
	// ... where a plain wildcard (StringLike) crosses colons.
	fmt.Println(wildcard.Compile(p.String()).Match("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"))
	// Output:
	// true
	// false
	// true
}

func ExampleNewPattern() {
	// Resource "arn:aws:s3:::home/${aws:username}/*" for the user "a*b".
	var res wildcard.Builder
	res.AppendPattern("home/")
	res.AppendLiteral("a*b")
	res.AppendPattern("/*")
	p := arn.NewPattern(wildcard.Compile("aws"), wildcard.Compile("s3"), wildcard.Compile(""), wildcard.Compile(""), res.Pattern())
	fmt.Println(p, p.Service())
	fmt.Println(p.Match("arn:aws:s3:::home/a*b/notes.txt"))
	fmt.Println(p.Match("arn:aws:s3:::home/anne-b/notes.txt"))
	// Output:
	// arn:aws:s3:::home/a${*}b/* s3
	// true
	// false
}

func ExampleRootARN() {
	id, err := arn.ParseAccountID("123456789012")
	if err != nil {
		fmt.Println(err)
		return
	}
	root := arn.RootARN("aws", id)
	fmt.Println(root)
	fmt.Println(arn.IsAccountRoot(root.String()))
	fmt.Println(arn.IsAccountRoot("arn:aws:iam::123456789012:user/root"))
	// Output:
	// arn:aws:iam::123456789012:root
	// true
	// false
}
