export default function Start() { return null; }
