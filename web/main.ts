import './components/ww-app.js';
