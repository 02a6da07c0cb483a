package awsaccess

// inspectorOps serves the inspector operations; see api_sts.go for the shape of a table.
var inspectorOps = map[string]opFunc{}
